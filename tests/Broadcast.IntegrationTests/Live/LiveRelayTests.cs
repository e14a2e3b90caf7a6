using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Broadcast.IntegrationTests.Audio;
using Broadcast.IntegrationTests.Rig;
using Xunit.Abstractions;

namespace Broadcast.IntegrationTests.Live;

/// <summary>
/// Issue 4, live relay: a district studio streams over HTTP (a chirp, so every instant of it can be located in a
/// recording); the controller relays it through ffmpeg and Opus to four simulated clusters. What the clusters play
/// must be the studio's audio, in step with each other, with a bounded delay; when the studio's server drops the
/// stream the API shows the retries, and the relay comes back on air by itself when the studio returns.
/// </summary>
public sealed class LiveRelayTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Rate = 48_000;
    private ControllerRig? _rig;

    private ControllerRig Rig => _rig!;

    public async Task InitializeAsync() =>
        _rig = await ControllerRig.StartAsync(new RigOptions { ClusterCount = 4, ControllerArgs = ["--Live:RetryInitial=00:00:00.500"] });

    public async Task DisposeAsync()
    {
        if (_rig is not null)
        {
            await _rig.DisposeAsync();
        }
    }

    [Fact]
    public async Task HttpStudio_RelayedToClusters_InStepWithBoundedDelayAndBackAfterTheStreamDrops()
    {
        var signal = Chirp.Create(40);
        using var studio = new LoopbackAudioServer(signal);
        var ids = Rig.Sim.ClusterIds;
        var target = string.Join(",", ids.Select(id => "cluster:" + id));

        using var response = await Rig.Http.PostAsJsonAsync("/api/broadcasts", new { live = studio.Url, target, priority = "district" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var started = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = started.GetProperty("id").GetInt64();
        var channel = started.GetProperty("channel").GetUInt32();
        Assert.Equal(studio.Url, started.GetProperty("programme").GetString());
        Assert.Equal(0, started.GetProperty("durationSeconds").GetDouble());
        Assert.Contains(started.GetProperty("live").GetProperty("state").GetString(), new[] { "connecting", "live" });

        await Rig.WaitUntilPlayingAsync(ids, channel, TimeSpan.FromSeconds(5));
        await LiveStateAsync(id, s => s.GetProperty("state").GetString() == "live", "on air");

        // Past the first latency trim (one 5 s window after going on air), the relay runs at its steady delay.
        await Task.Delay(TimeSpan.FromSeconds(7.5));
        var before = Measure(studio, signal, Rig.SampleOf(TimeProvider.System.GetUtcNow() - TimeSpan.FromSeconds(1.2)));

        studio.GoDown();
        var downAt = TimeProvider.System.GetUtcNow();
        var retrying = await LiveStateAsync(id, s => s.GetProperty("state").GetString() == "retrying" && s.GetProperty("attempt").GetInt32() >= 2, "a second retry");
        var backOff = retrying.GetProperty("nextRetryAt").GetDateTimeOffset() - retrying.GetProperty("lastErrorAt").GetDateTimeOffset();
        Assert.Equal(TimeSpan.FromMilliseconds(500) * Math.Pow(2, retrying.GetProperty("attempt").GetInt32() - 1), backOff);
        Assert.Contains("5XX", retrying.GetProperty("lastError").GetString(), StringComparison.Ordinal);

        studio.ComeBack();
        var back = await LiveStateAsync(id, s => s.GetProperty("state").GetString() == "live", "back on air");
        var backAt = TimeProvider.System.GetUtcNow();
        Assert.True(back.GetProperty("failures").GetInt32() >= 2);
        await Task.Delay(TimeSpan.FromSeconds(7.5));
        var after = Measure(studio, signal, Rig.SampleOf(TimeProvider.System.GetUtcNow() - TimeSpan.FromSeconds(1.2)));
        var final = await LiveStateAsync(id, _ => true, "the live state");
        Assert.Equal(HttpStatusCode.NoContent, await Rig.DeleteBroadcastAsync(id));

        foreach (var (phase, result) in new[] { ("before the drop", before), ("after recovery", after) })
        {
            output.WriteLine(Inv($"{phase}: studio-to-speaker delay {result.Latencies.Min():F1} .. {result.Latencies.Max():F1} ms over {ids.Count} clusters; correlation >= {result.Correlations.Min():F3}; longest gap {result.LongestGapMs:F1} ms"));
            Assert.All(result.Correlations, c => Assert.True(c >= 0.9, Inv($"{phase}: a cluster's audio correlates {c:F3} with the studio's")));
            Assert.True(result.Latencies.Max() - result.Latencies.Min() <= 5, Inv($"{phase}: clusters out of step by {result.Latencies.Max() - result.Latencies.Min():F1} ms"));
            Assert.True(result.Latencies.Max() <= 2000, Inv($"{phase}: {result.Latencies.Max():F0} ms from studio to speaker"));
            Assert.True(result.LongestGapMs < 10, Inv($"{phase}: a {result.LongestGapMs:F1} ms gap in steady relay"));
        }

        output.WriteLine(Inv($"studio down for {(backAt - downAt).TotalSeconds:F1} s: {retrying.GetProperty("attempt").GetInt32()} retries seen, last error \"{retrying.GetProperty("lastError").GetString()}\"; studio refused {studio.Refused} reconnections"));
        // Counted, not hidden: the deadlines with nothing to send (connecting, down, refilling) and the frames relayed.
        output.WriteLine(Inv($"live input figures: {final}"));
        Assert.True(final.GetProperty("framesStarved").GetInt64() > 0);
        Assert.True(final.GetProperty("framesEncoded").GetInt64() > 12 * 50);
    }

    /// <summary>
    /// Where each cluster's recording, from recording sample <paramref name="at"/> on, sits in the studio's signal:
    /// the studio-to-speaker delay (studio sent signal sample s at its start + s / 48 000), the correlation of one
    /// second there, and the longest gap over that second.
    /// </summary>
    private Measurement Measure(LoopbackAudioServer studio, float[] signal, long at)
    {
        var latencies = new List<double>();
        var correlations = new List<double>();
        var gap = 0;
        foreach (var id in Rig.Sim.ClusterIds)
        {
            var recording = Rig.Recording(id);
            var (sample, _) = Chirp.Locate(signal, recording, at);
            correlations.Add(CrossCorrelation.Normalised(signal.AsSpan((int)sample, Rate), recording.AsSpan((int)at, Rate)));
            var sent = studio.StartedAt + TimeSpan.FromSeconds((double)sample / Rate);
            latencies.Add((Rig.InstantOf(at) - sent).TotalMilliseconds);
            gap = Math.Max(gap, Chirp.LongestQuietRun(recording.AsSpan((int)at, Rate)));
        }

        return new Measurement(latencies, correlations, gap * 1000.0 / Rate);
    }

    private async Task<JsonElement> LiveStateAsync(long id, Func<JsonElement, bool> done, string what)
    {
        var deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(20);
        while (true)
        {
            var live = (await Rig.Http.GetFromJsonAsync<JsonElement>($"/api/broadcasts/{id}")).GetProperty("live");
            if (done(live))
            {
                return live;
            }

            Assert.True(TimeProvider.System.GetUtcNow() < deadline, $"no {what} within 20 s; live input: {live}");
            await Task.Delay(20);
        }
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record Measurement(IReadOnlyList<double> Latencies, IReadOnlyList<double> Correlations, double LongestGapMs);
}
