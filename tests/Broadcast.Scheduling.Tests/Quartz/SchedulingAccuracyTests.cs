using System.Globalization;
using Broadcast.Scheduling.Storage;
using Broadcast.Scheduling.Tests.Support;
using Broadcast.Tests.Common;
using Xunit.Abstractions;

namespace Broadcast.Scheduling.Tests.Quartz;

/// <summary>
/// Scheduling accuracy for docs/benchmarks.md: many one-off slots a short interval apart on the real Quartz store
/// (SQLite file) and the real clock; fire time (the moment the slot's broadcast is requested) minus planned time.
/// The figures are printed, never asserted; the test asserts that every slot fired exactly once and aired.
/// <c>bench/scheduling-accuracy.sh</c> runs it with 200 slots 100 ms apart; the suite runs 20.
/// </summary>
public sealed class SchedulingAccuracyTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task ManyOneOffSlots_EachFiresOnce_AndTheLatenessIsReported()
    {
        var count = Setting("BCAST_SCHED_ACCURACY_SLOTS", 20);
        var spacing = TimeSpan.FromMilliseconds(Setting("BCAST_SCHED_ACCURACY_SPACING_MS", 100));
        await using var rig = new SchedulingRig(_dir.Path, TimeProvider.System);
        await rig.StartAsync();

        // Every slot is added before the first falls due (adding one costs a few database commits).
        var lead = TimeSpan.FromSeconds(3) + (count * TimeSpan.FromMilliseconds(60));
        var first = DateTimeOffset.FromUnixTimeMilliseconds((TimeProvider.System.GetUtcNow() + lead).ToUnixTimeMilliseconds());
        var planned = new Dictionary<long, DateTimeOffset>();
        for (var i = 0; i < count; i++)
        {
            var at = first + (i * spacing);
            var local = at.ToOffset(VietnamTime.Offset).ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);
            planned[(await rig.Schedules.AddAsync(Requests.OneOff(local) with { Name = $"slot {i}" })).Id] = at;
        }

        Assert.True(TimeProvider.System.GetUtcNow() < first, $"adding {count} schedules took longer than the {lead} lead");
        Assert.True(
            await rig.Player.WaitForCallsAsync(count, lead + (count * spacing) + TimeSpan.FromSeconds(60)),
            $"{rig.Player.Calls.Count} of {count} slots fired");
        await rig.StopAsync();

        var calls = rig.Player.Calls.ToList();
        Assert.Equal(planned.Keys.Order(), calls.Select(c => c.Request.ScheduleId).Order());
        Assert.All(calls, c => Assert.Equal(planned[c.Request.ScheduleId], c.Request.PlannedUtc));
        Assert.All(planned.Keys, id => Assert.Contains(Assert.Single(rig.Ledger.ForSchedule(id, 10)).Status, new[] { SlotStatus.Aired, SlotStatus.Late }));

        var lateness = calls.Select(c => (c.At - c.Request.PlannedUtc).TotalMilliseconds).Order().ToArray();
        var line = string.Create(CultureInfo.InvariantCulture,
            $"scheduling accuracy, {count} one-off slots {spacing.TotalMilliseconds:0} ms apart, Quartz 4.7.3 ADO store on SQLite, fire - planned: " +
            $"p50 {Percentile(lateness, 0.50):0.0} ms, p99 {Percentile(lateness, 0.99):0.0} ms, max {lateness[^1]:0.0} ms, min {lateness[0]:0.0} ms");
        output.WriteLine(line);
        if (Environment.GetEnvironmentVariable("BCAST_SCHED_ACCURACY_OUT") is { Length: > 0 } file)
        {
            await File.WriteAllTextAsync(file, line + Environment.NewLine);
        }
    }

    /// <summary>Nearest-rank percentile of ascending <paramref name="sorted"/>.</summary>
    private static double Percentile(double[] sorted, double p) => sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
}
