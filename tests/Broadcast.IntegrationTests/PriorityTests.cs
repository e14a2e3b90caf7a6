using System.Globalization;
using System.Net;
using Broadcast.IntegrationTests.Audio;
using Broadcast.IntegrationTests.Rig;
using Xunit.Abstractions;

namespace Broadcast.IntegrationTests;

/// <summary>
/// Issue 4, priorities: an emergency cuts into a district programme and the district resumes after it; a commune
/// broadcast cannot take clusters from a district one. Judged from what the clusters played (tone per 5 ms step).
/// </summary>
public sealed class PriorityTests(PriorityFixture fixture, ITestOutputHelper output) : IClassFixture<PriorityFixture>, IAsyncLifetime
{
    private const int District = 0;
    private const int Commune = 1;
    private const int Emergency = 2;
    private const int Other = 3;
    private const double SamplesPerMs = 48.0;

    private ControllerRig Rig => fixture.Rig;

    [Fact]
    public async Task Emergency_DuringDistrictProgramme_HeardAtEveryTargetWithin200MsThenDistrictResumes()
    {
        const double emergencySeconds = 3;
        var district = await Rig.PostBroadcastAsync(fixture.Tone(PriorityFixture.DistrictHz, 10), "commune:Thị trấn Bát Xát, commune:A Lù", "district");
        Assert.Equal(HttpStatusCode.Created, district.Status);
        var districtStart = await Rig.WaitUntilPlayingAsync(Rig.Sim.ClusterIds, district.Channel, TimeSpan.FromSeconds(5));
        await ControllerRig.SleepUntilAsync(districtStart + TimeSpan.FromSeconds(2.5));

        var emergency = await Rig.PostBroadcastAsync(fixture.Tone(PriorityFixture.EmergencyHz, emergencySeconds), "commune:A Lù", "emergency");
        Assert.Equal(HttpStatusCode.Created, emergency.Status);
        var targets = Rig.ClustersOf(PriorityFixture.ALu);
        var others = Rig.ClustersOf(PriorityFixture.Town);
        Assert.Equal(targets.Order(StringComparer.Ordinal), emergency.Body.GetProperty("targets").EnumerateArray().Select(e => e.GetString()!).Order(StringComparer.Ordinal));

        // Nominal start: the playout start the controller put in the emergency's Play (frame 0's send deadline plus
        // the playout delay, protocol section 11.2), read from each cluster, and the same for all of them.
        var emergencyStart = await Rig.WaitUntilPlayingAsync(targets, emergency.Channel, TimeSpan.FromSeconds(2));
        var emergencyEnd = emergencyStart + TimeSpan.FromSeconds(emergency.DurationSeconds);
        await ControllerRig.SleepUntilAsync(emergencyEnd + TimeSpan.FromSeconds(3));
        Assert.Equal(HttpStatusCode.NoContent, await Rig.DeleteBroadcastAsync(district.Id));
        await Task.Delay(300);

        var e0 = Rig.SampleOf(emergencyStart);
        var e1 = Rig.SampleOf(emergencyEnd);
        var reactions = new List<double>();
        var resumes = new List<double>();
        foreach (var id in targets)
        {
            var recording = Rig.Recording(id);
            var onset = ToneDetector.FirstFrame(recording, Rig.SampleOf(emergency.PostedAt), e0 + 48_000, PriorityFixture.Tones, Emergency);
            Assert.True(onset is not null, $"{id}: no 1 kHz emergency audio within 1 s of its playout start");
            var reaction = (onset!.Value - e0) / SamplesPerMs;
            reactions.Add(reaction);
            Assert.True(reaction <= 200, Inv($"{id}: emergency heard {reaction:F0} ms after its nominal start"));

            // While the emergency plays, it alone is heard (the district was preempted, not mixed).
            var during = ToneDetector.Census(recording, e0 + (200 * 48), e1 - (200 * 48), PriorityFixture.Tones);
            Assert.True(during[District] == 0 && during[Emergency] >= 0.98 * during.Sum(), $"{id} during the emergency: {Census(during)}");

            var resumed = ToneDetector.FirstFrame(recording, e1, e1 + (3 * 48_000), PriorityFixture.Tones, District);
            Assert.True(resumed is not null, $"{id}: the district programme did not resume within 3 s after the emergency ended");
            resumes.Add((resumed!.Value - e1) / SamplesPerMs);
            var after = ToneDetector.Census(recording, resumed.Value, e1 + (2900 * 48), PriorityFixture.Tones);
            Assert.True(after[District] >= 0.98 * after.Sum(), $"{id} after the emergency: {Census(after)}");
        }

        output.WriteLine(Inv($"emergency POSTed {(emergencyStart - emergency.PostedAt).TotalMilliseconds:F0} ms before its nominal start; heard after the nominal start: max {reactions.Max():F1} ms, min {reactions.Min():F1} ms over {targets.Count} clusters; district back {resumes.Min():F0} .. {resumes.Max():F0} ms after the emergency's end"));
        Assert.All(resumes, r => Assert.True(r <= 1500, Inv($"district resumed {r:F0} ms after the emergency ended")));

        // The commune the emergency did not target kept its district programme throughout.
        foreach (var id in others)
        {
            var census = ToneDetector.Census(Rig.Recording(id), Rig.SampleOf(districtStart) + 4800, e1 + (2900 * 48), PriorityFixture.Tones);
            Assert.True(census[Emergency] == 0 && census[District] == census.Sum(), $"{id} (not targeted): {Census(census)}");
        }
    }

    [Fact]
    public async Task CommuneBroadcast_OnDistrictHeldClusters_RefusedExplicitlyAndDistrictPlaysOn()
    {
        var district = await Rig.PostBroadcastAsync(fixture.Tone(PriorityFixture.DistrictHz, 6), "commune:a-lu", "district");
        Assert.Equal(HttpStatusCode.Created, district.Status);
        var held = Rig.ClustersOf(PriorityFixture.ALu);
        var districtStart = await Rig.WaitUntilPlayingAsync(held, district.Channel, TimeSpan.FromSeconds(5));
        await ControllerRig.SleepUntilAsync(districtStart + TimeSpan.FromSeconds(1));

        // Every target held by the district: the request as a whole is refused, 409 with the reason.
        var refused = await Rig.PostBroadcastAsync(fixture.Tone(PriorityFixture.CommuneHz, 3), "commune:a-lu", "commune");
        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        var detail = refused.Body.GetProperty("detail").GetString()!;
        Assert.Contains("District", detail, StringComparison.Ordinal);
        Assert.Contains("higher than Commune", detail, StringComparison.Ordinal);

        // Partly held: granted where free, refused per endpoint where the district plays, each naming the holder.
        var partly = await Rig.PostBroadcastAsync(fixture.Tone(PriorityFixture.CommuneHz, 3), "commune:a-lu,commune:thi-tran-bat-xat", "commune");
        Assert.Equal(HttpStatusCode.Created, partly.Status);
        var refusals = partly.Body.GetProperty("refused").EnumerateArray().ToList();
        Assert.Equal(held.Order(StringComparer.Ordinal), refusals.Select(r => r.GetProperty("endpoint").GetString()!).Order(StringComparer.Ordinal));
        Assert.All(refusals, r =>
        {
            Assert.Equal(district.Id, r.GetProperty("heldBy").GetInt64());
            Assert.Contains("at District priority, higher than Commune", r.GetProperty("reason").GetString(), StringComparison.Ordinal);
        });
        var granted = partly.Body.GetProperty("targets").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.DoesNotContain(granted, held.Contains);
        var town = Rig.ClustersOf(PriorityFixture.Town);
        var communeStart = await Rig.WaitUntilPlayingAsync(town, partly.Channel, TimeSpan.FromSeconds(5));

        var districtEnd = districtStart + TimeSpan.FromSeconds(district.DurationSeconds);
        await ControllerRig.SleepUntilAsync(districtEnd + TimeSpan.FromSeconds(1));

        // The district was never interrupted where it played: 300 Hz in every 20 ms window, nothing else, no silence.
        foreach (var id in held)
        {
            var recording = Rig.Recording(id);
            var census = ToneDetector.Census(recording, Rig.SampleOf(districtStart) + 4800, Rig.SampleOf(districtEnd) - 4800, PriorityFixture.Tones);
            Assert.True(census[District] == census.Sum(), $"{id} under the district broadcast: {Census(census)}");
            var zeros = ProgrammeMatch.ZeroRun(recording.AsSpan((int)Rig.SampleOf(districtStart) + 4800, (int)(Rig.SampleOf(districtEnd) - Rig.SampleOf(districtStart)) - 9600));
            Assert.True(zeros < 480, Inv($"{id}: {zeros / SamplesPerMs:F1} ms of silence under the district broadcast"));
        }

        // Where it was granted, the commune broadcast played.
        foreach (var id in town)
        {
            var census = ToneDetector.Census(Rig.Recording(id), Rig.SampleOf(communeStart) + 4800, Rig.SampleOf(communeStart + TimeSpan.FromSeconds(partly.DurationSeconds)) - 4800, PriorityFixture.Tones);
            Assert.True(census[Commune] == census.Sum(), $"{id} under the commune broadcast: {Census(census)}");
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => Rig.StopAllBroadcastsAsync();

    private static string Census(int[] c) =>
        Inv($"{c[District]} windows of 300 Hz, {c[Commune]} of 600 Hz, {c[Emergency]} of 1 kHz, {c[Other]} silent or other");

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
