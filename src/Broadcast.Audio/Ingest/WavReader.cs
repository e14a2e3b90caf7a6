using System.Runtime.CompilerServices;
using Microsoft.Win32.SafeHandles;

namespace Broadcast.Audio.Ingest;

/// <summary>
/// Native RIFF/WAVE reader for PCM (8-bit unsigned, 16/24/32-bit signed) and IEEE float (32/64-bit) samples, any
/// channel count and rate. Streams the data chunk in blocks of <see cref="BlockFrames"/> frames, downmixes and
/// resamples to 48 kHz as it goes, so a multi-hour file costs a few hundred kilobytes of memory.
/// </summary>
internal sealed class WavReader : PcmReader
{
    /// <summary>Source frames per file read: 8192 frames is 170 ms at 48 kHz, 16 KB of 16-bit mono; large enough that
    /// read calls are not the cost, small enough to stay in L2 through convert, downmix and resample.</summary>
    internal const int BlockFrames = 8192;

    private readonly string _path;
    private readonly SafeFileHandle _file;
    private readonly WavHeader _header;
    private readonly int _channels;
    private readonly Resampler? _resampler;
    private readonly byte[] _raw;
    private readonly float[] _frames;
    private readonly float[] _resampled;
    private long _position;
    private float[] _pending;
    private int _pendingOffset;
    private int _pendingCount;
    private bool _finished;

    private WavReader(string path, SafeFileHandle file, WavHeader header, IngestOptions options)
    {
        _path = path;
        _file = file;
        _header = header;
        _channels = options.Mono ? 1 : header.Channels;
        Source = new SourceInfo(
            header.CodecName,
            header.SampleRate,
            header.Channels,
            (double)header.Frames / header.SampleRate,
            (long)header.SampleRate * header.BlockAlign * 8,
            "wav");
        _raw = new byte[BlockFrames * header.BlockAlign];
        _frames = new float[BlockFrames * header.Channels];
        if (header.SampleRate != AudioFormat.SampleRate)
        {
            _resampler = new Resampler(header.SampleRate, AudioFormat.SampleRate, _channels, BlockFrames);
            _resampled = new float[_resampler.MaxOutputFrames * _channels];
        }
        else
        {
            _resampled = [];
        }

        _pending = _frames;
    }

    public override int Channels => _channels;

    public override SourceInfo Source { get; }

    /// <summary>
    /// Opens <paramref name="path"/> if it starts with RIFF/WAVE and holds a natively decoded sample format;
    /// returns null for anything else (the caller hands it to ffmpeg).
    /// </summary>
    public static Task<WavReader?> TryOpenAsync(string path, IngestOptions options, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.Asynchronous | FileOptions.SequentialScan);
        try
        {
            var length = RandomAccess.GetLength(file);
            Span<byte> head = stackalloc byte[12];
            var got = RandomAccess.Read(file, head, 0);
            if (!WavHeader.IsRiffWave(head[..got]))
            {
                file.Dispose();
                return Task.FromResult<WavReader?>(null);
            }

            var header = WavHeader.Parse(file, length, path);
            if (header.Format == WavSampleFormat.Foreign)
            {
                file.Dispose();
                return Task.FromResult<WavReader?>(null);
            }

            return Task.FromResult<WavReader?>(new WavReader(path, file, header, options));
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public override async ValueTask<int> ReadAsync(Memory<float> interleaved, CancellationToken ct = default)
    {
        var want = interleaved.Length - (interleaved.Length % _channels);
        if (want == 0)
        {
            throw new ArgumentException($"the buffer must hold at least one frame ({_channels} samples)", nameof(interleaved));
        }

        while (_pendingOffset == _pendingCount)
        {
            if (_finished)
            {
                return 0;
            }

            await FillAsync(ct).ConfigureAwait(false);
        }

        var n = Math.Min(want, _pendingCount - _pendingOffset);
        _pending.AsSpan(_pendingOffset, n).CopyTo(interleaved.Span);
        _pendingOffset += n;
        return n;
    }

    protected override ValueTask DisposeAsyncCore()
    {
        _file.Dispose();
        return ValueTask.CompletedTask;
    }

    private async ValueTask FillAsync(CancellationToken ct)
    {
        _pendingOffset = 0;
        _pendingCount = 0;
        var remaining = _header.DataLength - _position;
        var frameBytes = _header.BlockAlign;
        var toRead = (int)Math.Min(remaining - (remaining % frameBytes), _raw.Length);
        if (toRead == 0)
        {
            _finished = true;
            if (_resampler is not null)
            {
                _pending = _resampled;
                _pendingCount = _resampler.Flush(_resampled);
            }

            return;
        }

        var got = 0;
        while (got < toRead)
        {
            var n = await RandomAccess.ReadAsync(_file, _raw.AsMemory(got, toRead - got), _header.DataOffset + _position + got, ct)
                .ConfigureAwait(false);
            if (n == 0)
            {
                // The length was checked at open, so the file shrank while we read it (an upload being replaced).
                throw new AudioIngestException(_path, AudioIngestError.Truncated,
                    $"the file ended after {AudioIngestException.N(_position + got)} of the {AudioIngestException.N(_header.DataLength)} bytes of audio its WAV header announces (was it replaced while being read?)");
            }

            got += n;
        }

        _position += got;
        var samples = SampleConverter.ToFloat(_header.Format, _raw.AsSpan(0, got), _frames);
        var frames = samples / _header.Channels;
        if (_channels == 1 && _header.Channels > 1)
        {
            SampleConverter.DownmixInPlace(_frames.AsSpan(0, samples), _header.Channels);
        }

        if (_resampler is null)
        {
            _pending = _frames;
            _pendingCount = frames * _channels;
        }
        else
        {
            _pending = _resampled;
            _pendingCount = _resampler.Process(_frames.AsSpan(0, frames * _channels), _resampled);
        }
    }
}
