using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Broadcast.IntegrationTests.Audio;
using Broadcast.IntegrationTests.Rig;
using Broadcast.Tests.Common;
using Xunit.Abstractions;

namespace Broadcast.IntegrationTests;

/// <summary>
/// Issue 4, control: pause and resume a recorded programme, and volume per endpoint and for emergencies, judged from
/// what the simulated clusters played (the simulator records at the volume it was told).
/// </summary>
public sealed class PlaybackControlTests(PlaybackControlFixture fixture, ITestOutputHelper output) : IClassFixture<PlaybackControlFixture>, IAsyncLifetime
{
    private const int Rate = 48_000;

    private ControllerRig Rig => fixture.Rig;

    [Fact]
    public async Task PauseThenResume_SilentWhilePausedThenCarriesOnFromWhereItWasHeard()
    {
        var file = Programmes.WriteOpus(fixture.File("chirp.opus"), Chirp.Create(10));
        var reference = Programmes.Decode(file);
        var ids = Rig.Sim.ClusterIds;
        var posted = await Rig.PostBroadcastAsync(file, Target(ids), "district");
        Assert.Equal(HttpStatusCode.Created, posted.Status);
        var start = await Rig.WaitUntilPlayingAsync(ids, posted.Channel, TimeSpan.FromSeconds(5));

        await ControllerRig.SleepUntilAsync(start + TimeSpan.FromSeconds(3));
        var paused = await PostAsync($"/api/broadcasts/{posted.Id}/pause");
        var pausedAt = TimeProvider.System.GetUtcNow();
        Assert.Equal("paused", paused.GetProperty("state").GetString());
        await Task.Delay(TimeSpan.FromSeconds(2));
        var resumed = await PostAsync($"/api/broadcasts/{posted.Id}/resume");
        var resumedAt = TimeProvider.System.GetUtcNow();
        Assert.Equal("playing", resumed.GetProperty("state").GetString());
        await ControllerRig.SleepUntilAsync(resumedAt + TimeSpan.FromSeconds(2.5));

        foreach (var id in ids)
        {
            var recording = Rig.Recording(id);

            // Before: recording sample r plays reference sample r - shift.
            var probe = Rig.SampleOf(start + TimeSpan.FromSeconds(1));
            var (q1, c1) = Chirp.Locate(reference, recording, probe);
            var shift = probe - q1;

            // The pause: the first gap of 10 ms or more after the request, and where audio comes back.
            var quietFrom = FirstQuiet(recording, Rig.SampleOf(pausedAt - TimeSpan.FromMilliseconds(300)), 480);
            var backAt = FirstLoud(recording, quietFrom);
            var lastHeard = quietFrom - shift;

            var (q2, c2) = Chirp.Locate(reference, recording, backAt + (Rate * 3 / 10));
            var firstHeard = q2 - (Rate * 3 / 10);
            var overlapMs = (lastHeard - firstHeard) * 1000.0 / Rate;
            var silentMs = (backAt - quietFrom) * 1000.0 / Rate;
            output.WriteLine(Inv($"{id}: paused {(Rig.InstantOf(quietFrom) - pausedAt).TotalMilliseconds:F0} ms after the request at {lastHeard / (double)Rate:F3} s of the programme (API: {paused.GetProperty("positionSeconds").GetDouble():F3} s); silent {silentMs:F0} ms; resumed at {firstHeard / (double)Rate:F3} s ({overlapMs:F0} ms heard twice); correlation {c1:F3} before, {c2:F3} after"));
            Assert.True(c1 > 0.9 && c2 > 0.9, Inv($"{id}: correlation {c1:F3} before the pause, {c2:F3} after"));
            Assert.InRange(Rig.InstantOf(quietFrom) - pausedAt, TimeSpan.FromMilliseconds(-100), TimeSpan.FromMilliseconds(300));
            Assert.True(silentMs >= 1800, Inv($"{id}: only {silentMs:F0} ms of silence for a 2 s pause"));
            Assert.InRange(overlapMs, -20, 120);
        }
    }

    [Fact]
    public async Task Volume_EndpointTurnedDownAtOnce_EmergencyStillAtItsOwnVolume()
    {
        var ids = Rig.Sim.ClusterIds;
        var (quieter, other) = (ids[0], ids[1]);
        var district = await Rig.PostBroadcastAsync(Tone(300, 14), Target([quieter, other]), "district");
        Assert.Equal(HttpStatusCode.Created, district.Status);
        var start = await Rig.WaitUntilPlayingAsync([quieter, other], district.Channel, TimeSpan.FromSeconds(5));
        try
        {
            await ControllerRig.SleepUntilAsync(start + TimeSpan.FromSeconds(2));
            var set = await PostAsync($"/api/endpoints/{quieter}/volume", new { volume = 40 });
            var setAt = TimeProvider.System.GetUtcNow();
            Assert.Equal(1, set.GetProperty("appliedNow").GetInt32());

            await EmergencyAccess.GrantAsync(Rig.Http);
            await ControllerRig.SleepUntilAsync(setAt + TimeSpan.FromSeconds(2));
            var emergency = await Rig.PostBroadcastAsync(Tone(1000, 3), $"cluster:{quieter}", "emergency");
            Assert.Equal(HttpStatusCode.Created, emergency.Status);
            var emergencyStart = await Rig.WaitUntilPlayingAsync([quieter], emergency.Channel, TimeSpan.FromSeconds(5));
            var emergencyEnd = emergencyStart + TimeSpan.FromSeconds(emergency.DurationSeconds);
            await ControllerRig.SleepUntilAsync(emergencyEnd + TimeSpan.FromSeconds(3));

            var at80 = Rms(quieter, start + TimeSpan.FromSeconds(0.5), start + TimeSpan.FromSeconds(1.8));
            var at40 = Rms(quieter, setAt + TimeSpan.FromSeconds(0.3), setAt + TimeSpan.FromSeconds(1.8));
            var emergencyLevel = Rms(quieter, emergencyStart + TimeSpan.FromSeconds(0.5), emergencyEnd - TimeSpan.FromSeconds(0.5));
            var afterEmergency = Rms(quieter, emergencyEnd + TimeSpan.FromSeconds(1.5), emergencyEnd + TimeSpan.FromSeconds(2.8));
            var untouched = Rms(other, setAt + TimeSpan.FromSeconds(0.3), setAt + TimeSpan.FromSeconds(1.8)) / Rms(other, start + TimeSpan.FromSeconds(0.5), start + TimeSpan.FromSeconds(1.8));
            output.WriteLine(Inv($"{quieter}: RMS at volume 80 {at80:F4}; after volume 40 {at40 / at80:F3} x; emergency {emergencyLevel / at80:F3} x; district after the emergency {afterEmergency / at80:F3} x; {other} (not changed) {untouched:F3} x"));
            Assert.InRange(at40 / at80, 0.47, 0.53);
            Assert.InRange(emergencyLevel / at80, 1.25 - 0.07, 1.25 + 0.07); // Controller:EmergencyVolume 100 against 80
            Assert.InRange(afterEmergency / at80, 0.47, 0.53); // the district came back at the endpoint's own volume
            Assert.InRange(untouched, 0.97, 1.03);
        }
        finally
        {
            await PostAsync("/api/volume", new { target = Target(ids), volume = 80 });
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => Rig.StopAllBroadcastsAsync();

    private string Tone(double hz, double seconds) =>
        Programmes.WriteOpus(fixture.File(FormattableString.Invariant($"tone-{hz}-{Guid.NewGuid():N}.opus")), Signals.Sine(hz, -12, seconds));

    private async Task<JsonElement> PostAsync(string path, object? body = null)
    {
        using var response = body is null ? await Rig.Http.PostAsync(new Uri(path, UriKind.Relative), null) : await Rig.Http.PostAsJsonAsync(path, body);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private double Rms(string id, DateTimeOffset from, DateTimeOffset to)
    {
        var (a, b) = (Rig.SampleOf(from), Rig.SampleOf(to));
        return Chirp.Rms(Rig.Recording(id).AsSpan((int)a, (int)(b - a)));
    }

    private static string Target(IEnumerable<string> ids) => string.Join(",", ids.Select(id => "cluster:" + id));

    /// <summary>Start of the first run of at least <paramref name="length"/> quiet samples at or after <paramref name="from"/>.</summary>
    private static long FirstQuiet(float[] recording, long from, int length)
    {
        var run = 0;
        for (var i = from; i < recording.Length; i++)
        {
            run = Math.Abs(recording[i]) < 1e-3f ? run + 1 : 0;
            if (run == length)
            {
                return i - length + 1;
            }
        }

        throw new InvalidOperationException($"no {length}-sample gap after sample {from}");
    }

    private static long FirstLoud(float[] recording, long from)
    {
        for (var i = from; i < recording.Length; i++)
        {
            if (Math.Abs(recording[i]) >= 1e-3f)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"the recording stays quiet after sample {from}");
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
