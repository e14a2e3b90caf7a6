using System.Diagnostics;
using System.Globalization;
using Broadcast.Audio.Codec;
using Broadcast.Audio.Ingest;
using Broadcast.Controller.Metrics;
using Broadcast.Controller.Streaming;
using Broadcast.Controller.Streaming.Live;
using Broadcast.IntegrationTests.Audio;
using Broadcast.Tests.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Broadcast.IntegrationTests.Live;

/// <summary>
/// A live input end to end on its own: real ffmpeg reading a loopback HTTP (or RTP) stream, real Opus frames out of
/// the ring, and the retry schedule on a virtual clock, so the back-off of 1 s, 2 s, 4 s is checked exactly without
/// waiting for it. The test plays the pacer: it takes frames from the source as they come.
/// </summary>
public sealed class LiveInputTests : IDisposable
{
    private const double ToneHz = 440;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly RecordingLogger _log = new();
    private readonly byte[] _frame = new byte[FrameRing.SlotBytes];
    private long _channelFrame;

    [Fact]
    public async Task HttpWavStream_Relayed_FramesDecodeToTheStudioTone()
    {
        using var studio = new LoopbackAudioServer(Signals.Sine(ToneHz, -12, 10));
        using var source = Source(studio.Url, TimeProvider.System);
        source.Start();

        var pcm = await TakeAudioAsync(source, seconds: 1.0);

        // The first frames carry the encoder's start; judge the steady part.
        var tone = ToneDetector.Census(pcm, 9_600, pcm.Length, [ToneHz]);
        Assert.True(tone[0] >= 0.98 * tone.Sum(), $"{tone[0]} of {tone.Sum()} windows hold the 440 Hz tone");
        var status = source.Status;
        Assert.Equal("live", status.State);
        Assert.Equal(0, status.Attempt);
        Assert.Equal(1, source.Starts);
        Assert.Equal(studio.Url, status.Source);
        Assert.Single(_log.Named("LiveOnAir"));
    }

    [Fact]
    public async Task StudioDropsTheStream_RetriedAfter1s2s4sOnTheClockThenBackOnAir()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 6, 1, 8, 0, 0, TimeSpan.Zero));
        using var studio = new LoopbackAudioServer(Signals.Sine(ToneHz, -12, 60));
        using var source = Source(studio.Url, time);
        source.Start();
        await TakeAudioAsync(source, seconds: 0.2);

        // The studio's server goes away mid-stream and answers 503 to reconnections.
        studio.GoDown();
        var expected = new[] { 1.0, 2.0, 4.0 };
        for (var attempt = 1; attempt <= expected.Length; attempt++)
        {
            var status = await UntilAsync(() => source.Status, s => s.State == "retrying" && s.Attempt == attempt, $"retry {attempt}");
            Assert.Equal(expected[attempt - 1], (status.NextRetryAt!.Value - status.LastErrorAt!.Value).TotalSeconds);
            Assert.Equal(time.GetUtcNow(), status.LastErrorAt);
            Assert.False(string.IsNullOrWhiteSpace(status.LastError));
            Assert.Equal(attempt, source.Starts);
            if (attempt > 1)
            {
                Assert.Contains("5XX", status.LastError, StringComparison.Ordinal);
            }

            if (attempt == expected.Length)
            {
                studio.ComeBack();
            }

            time.Advance(TimeSpan.FromSeconds(expected[attempt - 1]));
        }

        var back = await UntilAsync(() => source.Status, s => s.State == "live", "back on air");
        await TakeAudioAsync(source, seconds: 0.2);
        Assert.Equal(4, source.Starts);
        Assert.Equal(3, back.Failures);
        Assert.Equal(2, studio.Refused);

        var failures = _log.Named("LiveInputFailed");
        Assert.Equal([1, 2, 3], failures.Select(f => (int)f.Values["Attempt"]!));
        Assert.Equal(expected, failures.Select(f => ((TimeSpan)f.Values["Delay"]!).TotalSeconds));
        Assert.All(failures, f => Assert.Equal(LogLevel.Warning, f.Level));
        Assert.All(failures, f => Assert.Equal(studio.Url, f.Values["Source"]));
        Assert.Contains("5XX", (string)failures[1].Values["Reason"]!, StringComparison.Ordinal);
        var recovered = Assert.Single(_log.Named("LiveRecovered"));
        Assert.Equal(3, recovered.Values["Attempts"]);
    }

    [Fact]
    public async Task StudioHangs_StallTimeoutOnTheClockRestartsTheInput()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 6, 1, 8, 0, 0, TimeSpan.Zero));
        using var studio = new LoopbackAudioServer(Signals.Sine(ToneHz, -12, 60));
        using var source = Source(studio.Url, time);
        source.Start();
        await TakeAudioAsync(source, seconds: 0.2);

        studio.Stall();

        // Wait (in real time) until ffmpeg has handed over everything it had and the reader sits in a read.
        var encoded = -1L;
        await UntilAsync(
            () => source.Status.FramesEncoded,
            n =>
            {
                var settled = n == encoded;
                encoded = n;
                return settled;
            },
            "the reader to run dry",
            poll: TimeSpan.FromMilliseconds(500));
        time.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal("live", source.Status.State);

        time.Advance(TimeSpan.FromSeconds(2));
        var status = await UntilAsync(() => source.Status, s => s.State == "retrying", "the stall to be noticed");
        Assert.Contains("no audio from the source for 10 s", status.LastError, StringComparison.Ordinal);
        Assert.Equal(1, status.Attempt);

        studio.ComeBack();
        time.Advance(TimeSpan.FromSeconds(1));
        await UntilAsync(() => source.Status, s => s.State == "live" && source.Starts == 2, "back on air");
    }

    [Fact]
    public async Task RtpStream_StaticPayloadType_Relayed()
    {
        var port = FreePorts.Udp();
        using var sender = Process.Start(new ProcessStartInfo("ffmpeg")
        {
            ArgumentList =
            {
                "-hide_banner", "-nostdin", "-v", "error", "-re", "-f", "lavfi", "-i", FormattableString.Invariant($"sine=frequency={ToneHz}:sample_rate=44100"),
                "-t", "20", "-ac", "1", "-c:a", "pcm_s16be", "-f", "rtp", FormattableString.Invariant($"rtp://127.0.0.1:{port}"),
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        try
        {
            using var source = Source(FormattableString.Invariant($"rtp://127.0.0.1:{port}"), TimeProvider.System);
            source.Start();

            var pcm = await TakeAudioAsync(source, seconds: 1.0);

            var tone = ToneDetector.Census(pcm, 9_600, pcm.Length, [ToneHz]);
            Assert.True(tone[0] >= 0.95 * tone.Sum(), $"{tone[0]} of {tone.Sum()} windows hold the 440 Hz tone");
            Assert.Equal("live", source.Status.State);
        }
        finally
        {
            sender.Kill();
            await sender.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task UrlWithPassword_FailureReasonAndLogWithoutIt()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 6, 1, 8, 0, 0, TimeSpan.Zero));
        var port = FreePorts.Tcp(); // nothing listens there
        using var source = Source(FormattableString.Invariant($"http://relay:s3cret-pw@127.0.0.1:{port}/district"), time);
        source.Start();

        var status = await UntilAsync(() => source.Status, s => s.State == "retrying", "the refused connection");

        Assert.Contains("Connection refused", status.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-pw", status.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-pw", status.Source, StringComparison.Ordinal);
        // The warning follows the state change on the reader's thread.
        var logged = (await UntilAsync(() => _log.Named("LiveInputFailed"), l => l.Count > 0, "the warning"))[0];
        Assert.All(logged.Values.Values, v => Assert.DoesNotContain("s3cret-pw", v?.ToString() ?? string.Empty, StringComparison.Ordinal));
    }

    public void Dispose() => _services.Dispose();

    private LiveFrameSource Source(string url, TimeProvider time)
    {
        Assert.True(LiveSource.TryParse(url, out var live, out var error), error);
        var metrics = new BroadcastMetrics(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        return new LiveFrameSource(live!, 1, new LiveOptions(), metrics, time, _log);
    }

    /// <summary>Takes frames as the pacer would (without its clock) until <paramref name="seconds"/> of audio; decodes them.</summary>
    private async Task<float[]> TakeAudioAsync(LiveFrameSource source, double seconds)
    {
        using var decoder = new OpusDecoder();
        var pcm = new List<float>();
        var frame = new float[OpusDecoder.MaxPacketSamples48k];
        var clock = Stopwatch.StartNew();
        while (pcm.Count < seconds * LoopbackAudioServer.Rate)
        {
            if (source.Read(_channelFrame++, _frame, out var length) == FrameRead.Frame)
            {
                var n = decoder.Decode(_frame.AsSpan(0, length), frame);
                pcm.AddRange(frame.AsSpan(0, n).ToArray());
                continue;
            }

            Assert.True(clock.Elapsed < Patience, $"only {pcm.Count} samples in {Patience.TotalSeconds} s; input {source.Status.State}: {source.Status.LastError}");
            await Task.Delay(10);
        }

        return [.. pcm];
    }

    private static async Task<T> UntilAsync<T>(Func<T> read, Func<T, bool> done, string what, TimeSpan? poll = null)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = read();
            if (done(value))
            {
                return value;
            }

            Assert.True(clock.Elapsed < Patience, string.Create(CultureInfo.InvariantCulture, $"no {what} within {Patience.TotalSeconds} s; last seen {value}"));
            await Task.Delay(poll ?? TimeSpan.FromMilliseconds(20));
        }
    }

    /// <summary>Every log entry with its event name, level and structured values.</summary>
    private sealed class RecordingLogger : ILogger
    {
        private readonly List<Entry> _entries = [];

        public IReadOnlyList<Entry> Named(string eventName)
        {
            lock (_entries)
            {
                return [.. _entries.Where(e => e.EventName == eventName)];
            }
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IReadOnlyList<KeyValuePair<string, object?>> pairs
                ? pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal)
                : [];
            lock (_entries)
            {
                _entries.Add(new Entry(eventId.Name, logLevel, values));
            }
        }

        internal sealed record Entry(string? EventName, LogLevel Level, IReadOnlyDictionary<string, object?> Values);
    }
}
