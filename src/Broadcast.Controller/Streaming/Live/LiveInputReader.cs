using Broadcast.Audio;
using Broadcast.Audio.Codec;
using Broadcast.Audio.Ingest;
using Broadcast.Controller.Hosting;
using Broadcast.Controller.Metrics;
using Microsoft.Extensions.Logging;

namespace Broadcast.Controller.Streaming.Live;

/// <summary>
/// The producer of a live relay, on a thread of its own: runs ffmpeg on the input, cuts its PCM into 20 ms frames,
/// encodes them with libopus and puts them in the ring. When the input fails (ffmpeg exits, the stream ends, or no
/// audio comes for <see cref="LiveOptions.StallTimeout"/>) it logs why, waits out an exponential back-off
/// (<see cref="RetryBackoff"/>) on the injected clock, and starts ffmpeg again, until the broadcast ends.
/// </summary>
internal sealed class LiveInputReader : IDisposable
{
    /// <summary>A run that delivered this much audio (10 s) counts as recovered: the next failure waits the initial back-off again.</summary>
    public const int HealthyRunFrames = 500;

    private const int FrameSamples = AudioFormat.SampleRate / PacerSchedule.FramesPerSecond;

    private static readonly TimeSpan WatchdogPeriod = TimeSpan.FromSeconds(1);

    private readonly LiveSource _source;
    private readonly FrameRing _ring;
    private readonly LiveOptions _options;
    private readonly BroadcastMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly long _broadcastId;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _statusGate = new();
    private Thread? _thread;
    private ITimer? _watchdog;
    private LiveDecoder? _decoder;
    private long _readingSince;
    private volatile bool _stalled;
    private volatile bool _discard;
    private long _framesEncoded;
    private int _starts;

    // Guarded by _statusGate.
    private LiveState _state = LiveState.Connecting;
    private int _attempt;
    private int _failures;
    private string? _lastError;
    private DateTimeOffset? _lastErrorAt;
    private DateTimeOffset? _nextRetryAt;
    private DateTimeOffset? _downSince;

    public LiveInputReader(LiveSource source, FrameRing ring, LiveOptions options, BroadcastMetrics metrics, TimeProvider time, ILogger logger, long broadcastId)
    {
        _source = source;
        _ring = ring;
        _options = options;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _broadcastId = broadcastId;
    }

    /// <summary>While true (the broadcast is paused) audio is read and dropped, so the input stays connected and current.</summary>
    public bool Discard
    {
        get => _discard;
        set => _discard = value;
    }

    public long FramesEncoded => Interlocked.Read(ref _framesEncoded);

    /// <summary>ffmpeg processes started so far (tests follow the retries with it).</summary>
    public int Starts => Volatile.Read(ref _starts);

    /// <summary>True once the reader thread has ended (or never started).</summary>
    public bool Exited => _thread is not { IsAlive: true };

    public void Start()
    {
        _watchdog = _time.CreateTimer(_ => CheckStall(), null, WatchdogPeriod, WatchdogPeriod);
        _thread = new Thread(Run) { IsBackground = true, Name = $"live-{_broadcastId}" };
        _thread.Start();
    }

    public LiveStatus Status(long starved, long skipped)
    {
        lock (_statusGate)
        {
            return new LiveStatus(
                _source.Display, Name(_state), _attempt, _lastError, _lastErrorAt, _nextRetryAt, _failures,
                FramesEncoded, starved, skipped, _ring.Count * (double)PacerSchedule.FrameMilliseconds);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _watchdog?.Dispose();
        Volatile.Read(ref _decoder)?.Kill();
        if (_thread is { } thread && thread != Thread.CurrentThread && !thread.Join(TimeSpan.FromSeconds(15)))
        {
            return; // ffmpeg would not die; the thread is a background one and ends with it. Leave the ring alive.
        }

        _stop.Dispose();
    }

    private void Run()
    {
        try
        {
            Relay();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A bug here must end this relay, not the controller: an unhandled exception on a thread kills the process.
            lock (_statusGate)
            {
                _state = LiveState.Stopped;
                _lastError = ex.Message;
                _lastErrorAt = _time.GetUtcNow();
            }

            ControllerLog.LiveReaderFailed(_logger, _broadcastId, _source.Display, ex);
        }
    }

    private void Relay()
    {
        using var encoder = new OpusEncoder(new OpusEncoderSettings { Bitrate = _options.Bitrate, Signal = OpusSignal.Auto });
        var pcm = new float[FrameSamples];
        var packet = new byte[OpusEncoder.MaxPacketBytes];
        var token = _stop.Token;
        var consecutive = 0;
        while (!token.IsCancellationRequested)
        {
            var reason = RunOnce(encoder, pcm, packet, ref consecutive, token);
            if (token.IsCancellationRequested)
            {
                break;
            }

            consecutive++;
            var delay = RetryBackoff.Delay(consecutive, _options.RetryInitial, _options.RetryMax);
            // The timer exists before the state says when it fires, so whoever reads the state and advances a test
            // clock by that much always finds the timer there.
            var wait = Task.Delay(delay, _time, token);
            var now = _time.GetUtcNow();
            lock (_statusGate)
            {
                _state = LiveState.Retrying;
                _attempt = consecutive;
                _failures++;
                _lastError = reason;
                _lastErrorAt = now;
                _nextRetryAt = now + delay;
                _downSince ??= now;
            }

            _metrics.LiveInputFailed();
            ControllerLog.LiveInputFailed(_logger, _broadcastId, _source.Display, reason, consecutive, delay);
            try
            {
                wait.Wait(token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or AggregateException)
            {
                break;
            }
        }

        lock (_statusGate)
        {
            _state = LiveState.Stopped;
            _nextRetryAt = null;
        }
    }

    /// <summary>One ffmpeg run, until the input fails or the broadcast ends; returns why it failed.</summary>
    private string RunOnce(OpusEncoder encoder, float[] pcm, byte[] packet, ref int consecutive, CancellationToken token)
    {
        LiveDecoder decoder;
        Interlocked.Increment(ref _starts);
        try
        {
            decoder = LiveDecoder.Start(_source, _options.Ffmpeg);
        }
        catch (AudioIngestException ex)
        {
            return ex.Message;
        }

        _stalled = false;
        Volatile.Write(ref _decoder, decoder);
        var filled = 0;
        var runFrames = 0L;
        var discarding = false;
        while (!token.IsCancellationRequested)
        {
            Volatile.Write(ref _readingSince, _time.GetTimestamp());
            var n = decoder.Read(pcm.AsSpan(filled));
            Volatile.Write(ref _readingSince, 0);
            if (n == 0)
            {
                break;
            }

            filled += n;
            if (filled < pcm.Length)
            {
                continue;
            }

            filled = 0;
            if (++runFrames == 1)
            {
                OnAir(consecutive);
            }
            else if (runFrames == HealthyRunFrames)
            {
                consecutive = 0;
                lock (_statusGate)
                {
                    _attempt = 0;
                }
            }

            if (_discard)
            {
                discarding = true;
                continue;
            }

            if (discarding)
            {
                // The endpoints were stopped and reset their decoders; ours must not predict from audio before the pause.
                encoder.ResetState();
                discarding = false;
            }

            var length = encoder.Encode(pcm, packet);
            while (!_ring.TryWrite(packet.AsSpan(0, length)) && !token.IsCancellationRequested)
            {
                _ring.WaitForSpace(WatchdogPeriod, token);
            }

            Interlocked.Increment(ref _framesEncoded);
        }

        Volatile.Write(ref _decoder, null);
        if (token.IsCancellationRequested)
        {
            decoder.Dispose();
            return "stopped";
        }

        var exit = decoder.WaitForExit(TimeSpan.FromSeconds(2));
        var reason = _stalled
            ? $"no audio from the source for {_options.StallTimeout.TotalSeconds:0.#} s; ffmpeg stopped"
            : decoder.LastError ?? (exit == 0 ? "the source ended the stream" : $"ffmpeg exited with code {exit?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(still running)"} without a message");
        decoder.Dispose();

        // The next run's audio does not follow this run's: start without its history.
        encoder.ResetState();
        return reason;
    }

    private void OnAir(int consecutive)
    {
        DateTimeOffset? downSince;
        lock (_statusGate)
        {
            _state = LiveState.Live;
            _nextRetryAt = null;
            downSince = _downSince;
            _downSince = null;
        }

        if (downSince is { } since)
        {
            ControllerLog.LiveRecovered(_logger, _broadcastId, _source.Display, consecutive, _time.GetUtcNow() - since);
        }
        else
        {
            ControllerLog.LiveOnAir(_logger, _broadcastId, _source.Display);
        }
    }

    private void CheckStall()
    {
        var since = Volatile.Read(ref _readingSince);
        if (since != 0 && _time.GetElapsedTime(since) > _options.StallTimeout && Volatile.Read(ref _decoder) is { } decoder)
        {
            _stalled = true;
            decoder.Kill();
        }
    }

    private static string Name(LiveState state) => state switch
    {
        LiveState.Connecting => "connecting",
        LiveState.Live => "live",
        LiveState.Retrying => "retrying",
        _ => "stopped",
    };
}
