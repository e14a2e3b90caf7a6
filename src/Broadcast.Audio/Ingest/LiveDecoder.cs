using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Broadcast.Audio.Ingest;

/// <summary>
/// One ffmpeg process decoding a <see cref="LiveSource"/> to 48 kHz mono float PCM on its stdout. Reads block (they
/// are meant for a dedicated thread, so a busy thread pool cannot starve a relay) and allocate nothing; the input
/// ending or failing shows as a read of 0, with ffmpeg's last error line in <see cref="LastError"/>.
/// </summary>
public sealed class LiveDecoder : IDisposable
{
    // Low-latency input: ffmpeg's defaults probe up to 5 MB / 5 s before the first sample comes out (measured: 2.3 s
    // on a real-time WAV stream over HTTP); with these it starts after ~0.1 s of input and then lags it by ~0.1 s.
    private static readonly string[] LowLatency = ["-fflags", "nobuffer", "-probesize", "32768", "-analyzeduration", "0"];

    private readonly LiveSource _source;
    private readonly Process _process;
    private readonly Stream _stdout;
    private readonly byte[] _carry = new byte[sizeof(float)];
    private int _carryLength;
    private volatile string? _lastError;

    private LiveDecoder(LiveSource source, Process process)
    {
        _source = source;
        _process = process;
        _stdout = process.StandardOutput.BaseStream;
        process.ErrorDataReceived += (_, e) =>
        {
            if (!string.IsNullOrWhiteSpace(e.Data))
            {
                _lastError = Clean(e.Data);
            }
        };
        process.BeginErrorReadLine();
    }

    /// <summary>ffmpeg's last error line (credentials removed, "[http @ 0x..]" context dropped), or null.</summary>
    public string? LastError => _lastError;

    /// <summary>ffmpeg's process id (tests check it is reaped).</summary>
    public int ProcessId => _process.Id;

    /// <summary>Starts ffmpeg on <paramref name="source"/>; throws <see cref="AudioIngestException"/> (DecoderMissing) when it cannot.</summary>
    public static LiveDecoder Start(LiveSource source, string ffmpegPath = "ffmpeg")
    {
        ArgumentNullException.ThrowIfNull(source);
        List<string> args = ["-hide_banner", "-nostdin", "-v", "error", .. LowLatency, .. source.InputArguments(), "-vn", "-ac", "1",
            "-ar", AudioFormat.SampleRate.ToString(CultureInfo.InvariantCulture), "-f", "f32le", "pipe:1"];
        var process = DecoderProcess.Start(ffmpegPath, source.Display, args);
        return new LiveDecoder(source, process);
    }

    /// <summary>
    /// Blocks until ffmpeg writes audio, then fills up to <paramref name="destination"/>'s length with whole samples;
    /// returns the number of samples, 0 when the input ended or failed (or the process was killed).
    /// </summary>
    public int Read(Span<float> destination)
    {
        if (destination.IsEmpty)
        {
            throw new ArgumentException("the buffer must hold at least one sample", nameof(destination));
        }

        var bytes = MemoryMarshal.AsBytes(destination);
        while (true)
        {
            // f32le is the byte order of every platform Broadcast runs on, so the bytes are the floats.
            _carry.AsSpan(0, _carryLength).CopyTo(bytes);
            int n;
            try
            {
                n = _stdout.Read(bytes[_carryLength..]);
            }
            catch (IOException)
            {
                n = 0;
            }
            catch (ObjectDisposedException)
            {
                n = 0;
            }

            if (n == 0)
            {
                return 0;
            }

            var total = _carryLength + n;
            var whole = total - (total % sizeof(float));
            _carryLength = total - whole;
            bytes.Slice(whole, _carryLength).CopyTo(_carry);
            if (whole > 0)
            {
                return whole / sizeof(float);
            }
        }
    }

    /// <summary>Waits briefly for ffmpeg to exit after its output ended; its exit code, or null if it still runs.</summary>
    public int? WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            return null;
        }

        // The parameterless wait also drains the asynchronous stderr reader, so LastError holds the final line.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>Stops ffmpeg (a blocked <see cref="Read"/> then returns 0).</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Exited between the check and the kill.
        }
    }

    /// <summary>Kills ffmpeg if it still runs and reaps it.</summary>
    public void Dispose()
    {
        Kill();
        _process.WaitForExit(TimeSpan.FromSeconds(10));
        _process.Dispose();
    }

    private string Clean(string line)
    {
        line = line.Trim();
        if (line.StartsWith('[') && line.IndexOf("] ", StringComparison.Ordinal) is var close and > 0)
        {
            line = line[(close + 2)..];
        }

        // ffmpeg starts its messages with the input as given, which may carry a password.
        return LiveSource.Redact(line.Replace(_source.Input, _source.Display, StringComparison.Ordinal));
    }
}
