using Broadcast.Audio.Ingest;
using Broadcast.Controller.Metrics;
using Microsoft.Extensions.Logging;

namespace Broadcast.Controller.Streaming.Live;

/// <summary>
/// A live input as a pacer's frame source: <see cref="LiveInputReader"/> (ffmpeg, Opus, retries) fills a
/// <see cref="FrameRing"/>; <see cref="LiveCushion"/> hands the pacer one frame per deadline or nothing. It never
/// ends by itself: a live broadcast runs until it is stopped. Paused, the input stays connected and its audio is
/// dropped; resumed, it plays what the source sends from then on (live audio cannot resume where it paused).
/// </summary>
internal sealed class LiveFrameSource : IFrameSource
{
    private readonly FrameRing _ring;
    private readonly LiveCushion _cushion;
    private readonly LiveInputReader _reader;

    public LiveFrameSource(LiveSource source, long broadcastId, LiveOptions options, BroadcastMetrics metrics, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        Source = source;
        _ring = new FrameRing(FramesIn(options.MaxBuffer));
        _cushion = new LiveCushion(_ring, FramesIn(options.Cushion), metrics);
        _reader = new LiveInputReader(source, _ring, options, metrics, time, logger, broadcastId);
    }

    public LiveSource Source { get; }

    public string Label => Source.Display;

    public long? FrameCount => null;

    public LiveStatus Status => _reader.Status(_cushion.Starved, _cushion.Skipped);

    /// <summary>ffmpeg processes started so far.</summary>
    public int Starts => _reader.Starts;

    /// <summary>Starts reading the input (ffmpeg starts on the reader's own thread).</summary>
    public void Start() => _reader.Start();

    public FrameRead Read(long channelFrame, Span<byte> destination, out int length) => _cushion.Read(destination, out length);

    public void OnPause(long heardFrame) => _reader.Discard = true;

    public void OnResume(long firstFrame)
    {
        _cushion.RequestFlush();
        _reader.Discard = false;
    }

    public long? ProgrammeFrameAt(long channelFrame) => null;

    public void Dispose()
    {
        _reader.Dispose();
        if (_reader.Exited)
        {
            _ring.Dispose();
        }
    }

    private static int FramesIn(TimeSpan span) => Math.Max(2, (int)(span.TotalMilliseconds / PacerSchedule.FrameMilliseconds));
}
