using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Broadcast.Audio.Ingest;

/// <summary>
/// Decodes any format ffmpeg knows (MP3, AAC/M4A, Ogg, FLAC, WMA, video soundtracks, WAV in foreign codecs) by
/// running <c>ffmpeg ... -f f32le -ar 48000 pipe:1</c> and reading raw float PCM from its stdout; no temp files.
/// </summary>
/// <remarks>
/// Truncation: ffmpeg decodes the part of a cut-short MP3 that is there and exits 0 without a word. When the
/// container announces a duration (a Xing/Info header, an MP4 moov box) and the decoded audio is clearly shorter, the
/// reader throws <see cref="AudioIngestError.Truncated"/> at the end, as <see cref="WavReader"/> does for a lying WAV:
/// a truncated programme must not air as if complete. An MP3 with no such header gives ffprobe only a duration
/// estimated from its size, which a truncated file matches, so such a file decodes to the part that is there.
/// </remarks>
internal sealed class FfmpegPcmReader : PcmReader
{
    /// <summary>Bytes per stdout read: 64 KB is the Linux pipe buffer, so one read drains what ffmpeg wrote.</summary>
    private const int BlockBytes = 64 * 1024;

    /// <summary>Decoded audio shorter than this share of the announced duration (and by more than
    /// <see cref="TruncationSlackSeconds"/>) is a truncated file; encoder delay and padding are far smaller.</summary>
    private const double TruncationRatio = 0.9;

    private const double TruncationSlackSeconds = 0.5;

    private readonly string _path;
    private readonly Process _process;
    private readonly Stream _stdout;
    private readonly Task<List<string>> _stderr;
    private readonly bool _durationTrusted;
    private readonly int _channels;
    private readonly int _frameBytes;
    private readonly byte[] _buffer = new byte[BlockBytes];
    private int _carry;
    private long _frames;
    private bool _finished;

    private FfmpegPcmReader(string path, Process process, ProbeResult probe, int channels)
    {
        _path = path;
        _process = process;
        _stdout = process.StandardOutput.BaseStream;
        _stderr = DecoderProcess.CollectLinesAsync(process.StandardError);
        _durationTrusted = probe.DurationTrusted;
        Source = probe.Source;
        _channels = channels;
        _frameBytes = channels * sizeof(float);
    }

    public override int Channels => _channels;

    public override SourceInfo Source { get; }

    /// <summary>The decoder's process id, for tests that check it is reaped on dispose.</summary>
    internal int ProcessId => _process.Id;

    public static async Task<FfmpegPcmReader> OpenAsync(string path, IngestOptions options, CancellationToken ct)
    {
        var probe = await Ffprobe.ProbeAsync(path, options, ct).ConfigureAwait(false);
        var channels = options.Mono || probe.Source.Channels <= 0 ? 1 : probe.Source.Channels;
        List<string> args = ["-hide_banner", "-nostdin", "-v", "error", .. FfmpegInputPolicy.InputArguments(path), "-vn", "-f", "f32le"];
        if (options.Mono || probe.Source.Channels <= 0)
        {
            args.AddRange(["-ac", "1"]);
        }

        args.AddRange(["-ar", AudioFormat.SampleRate.ToString(CultureInfo.InvariantCulture), "pipe:1"]);
        var process = DecoderProcess.Start(options.FfmpegPath, path, args);
        return new FfmpegPcmReader(path, process, probe, channels);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public override async ValueTask<int> ReadAsync(Memory<float> interleaved, CancellationToken ct = default)
    {
        var want = interleaved.Length - (interleaved.Length % _channels);
        if (want == 0)
        {
            throw new ArgumentException($"the buffer must hold at least one frame ({_channels} samples)", nameof(interleaved));
        }

        while (!_finished)
        {
            var limit = Math.Min(_buffer.Length, want * sizeof(float));
            var n = await _stdout.ReadAsync(_buffer.AsMemory(_carry, limit - _carry), ct).ConfigureAwait(false);
            if (n == 0)
            {
                // A partial frame left in _carry at the end is dropped: ffmpeg only writes whole samples unless killed.
                _finished = true;
                await FinishAsync(ct).ConfigureAwait(false);
                return 0;
            }

            var total = _carry + n;
            var whole = total - (total % _frameBytes);
            if (whole == 0)
            {
                _carry = total;
                continue;
            }

            // f32le is the byte order of every platform .NET runs Broadcast on, so the bytes are the floats.
            MemoryMarshal.Cast<byte, float>(_buffer.AsSpan(0, whole)).CopyTo(interleaved.Span);
            _carry = total - whole;
            _buffer.AsSpan(whole, _carry).CopyTo(_buffer);
            _frames += whole / _frameBytes;
            return whole / sizeof(float);
        }

        return 0;
    }

    protected override ValueTask DisposeAsyncCore() => DecoderProcess.StopAsync(_process);

    private async Task FinishAsync(CancellationToken ct)
    {
        await _process.WaitForExitAsync(ct).ConfigureAwait(false);
        var errors = await _stderr.ConfigureAwait(false);
        var exit = _process.ExitCode;
        var decoded = (double)_frames / AudioFormat.SampleRate;
        var first = DecoderProcess.FirstError(errors, _path);
        if (exit != 0 || errors.Count > 0)
        {
            if (_frames == 0)
            {
                throw new AudioIngestException(_path, AudioIngestError.NotAudio, $"not an audio file ffmpeg can read ({first})");
            }

            var truncated = errors.Exists(e =>
                e.Contains("truncat", StringComparison.OrdinalIgnoreCase) ||
                e.Contains("end of file", StringComparison.OrdinalIgnoreCase) ||
                e.Contains("partial file", StringComparison.OrdinalIgnoreCase));
            throw new AudioIngestException(
                _path,
                truncated ? AudioIngestError.Truncated : AudioIngestError.DecoderFailed,
                $"ffmpeg {(exit != 0 ? $"failed (exit code {exit})" : "reported damaged audio")} after {Seconds(decoded)} s of audio: {first}");
        }

        if (_frames == 0)
        {
            throw new AudioIngestException(_path, AudioIngestError.NoAudio, "the audio stream decodes to 0 samples; the file holds nothing to play");
        }

        if (_durationTrusted && Source.DurationSeconds is { } announced &&
            decoded < announced * TruncationRatio && announced - decoded > TruncationSlackSeconds)
        {
            throw new AudioIngestException(
                _path,
                AudioIngestError.Truncated,
                $"the file holds {Seconds(decoded)} s of audio but its header announces {Seconds(announced)} s; the file was cut short, upload it again");
        }
    }

    private static string Seconds(double s) => s.ToString("0.0", CultureInfo.InvariantCulture);
}
