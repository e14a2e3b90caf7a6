using Broadcast.Audit;
using Broadcast.Scheduling.Definitions;
using Broadcast.Scheduling.Slots;
using Broadcast.Scheduling.Storage;
using Broadcast.Scheduling.Tests.Support;
using Broadcast.Scheduling.Triggers;
using Broadcast.Tests.Common;
using Microsoft.Extensions.Time.Testing;
using Quartz;

namespace Broadcast.Scheduling.Tests.Quartz;

/// <summary>
/// The real Quartz scheduler and job store driven by a <see cref="FakeTimeProvider"/> (Quartz 4.7 waits on the
/// scheduler's clock, so moving the fake clock is what makes it fire): a month of slots in minutes of test time, and
/// restarts across a slot. Each step waits for the audit entry of the slot it caused, not for wall-clock time.
/// </summary>
public sealed class QuartzFakeClockTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task DailyAt0530And1700_AcrossDecember_FiresAtTheLocalTimes_AndSkipsTheExceptionDate()
    {
        var time = new FakeTimeProvider(VietnamTime.At(2026, 11, 30, 23, 0));
        await using var rig = new SchedulingRig(_dir.Path, time);
        await rig.StartAsync();
        var id = (await rig.Schedules.AddAsync(Requests.Daily("05:30", "17:00"))).Id;
        Assert.NotNull(rig.Schedules.Skip(id, new SkipRequest("2026-12-02", "Quốc khánh Lào"), "tester").Value);
        var scheduler = await rig.Get<ISchedulerFactory>().GetScheduler();
        var end = VietnamTime.At(2027, 1, 1, 0, 0);

        var triggers = new[] { new TriggerKey($"schedule-{id}-0", SlotTriggerFactory.Group), new TriggerKey($"schedule-{id}-1", SlotTriggerFactory.Group) };
        for (var settled = 1; ; settled++)
        {
            // Move the clock to the next instant Quartz wants to fire at, then wait for that slot to be settled.
            var next = await NextFireAfterAsync(scheduler, triggers, time.GetUtcNow());
            if (next >= end)
            {
                break;
            }

            time.SetUtcNow(next);
            Assert.True(
                await rig.Audit.WaitForAsync(e => e.Action is AuditActions.SlotFired or AuditActions.SlotMissed, settled, Patience),
                $"slot {next:O} was not settled");
        }

        var expected = VietnamTime.Days(new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 31))
            .SelectMany(d => new[] { VietnamTime.At(d, 5, 30), VietnamTime.At(d, 17, 0) })
            .ToList();
        var skipped = new[] { VietnamTime.At(2026, 12, 2, 5, 30), VietnamTime.At(2026, 12, 2, 17, 0) };
        Assert.Equal(expected.Except(skipped), rig.Player.Calls.Select(c => c.Request.PlannedUtc));
        Assert.All(rig.Player.Calls, c => Assert.Equal(c.Request.PlannedUtc, c.At));
        var ledger = rig.Ledger.ForSchedule(id, 100);
        Assert.Equal(expected, ledger.Select(r => r.PlannedUtc));
        Assert.Equal(skipped, ledger.Where(r => r.Status == SlotStatus.Skipped).Select(r => r.PlannedUtc));
        Assert.Equal(60, ledger.Count(r => r.Status == SlotStatus.Aired));
    }

    /// <summary>
    /// The earliest next fire time of <paramref name="keys"/> after <paramref name="now"/>. A slot on an exception date
    /// may be settled by the sweep before Quartz has fired (and moved on) its trigger; until Quartz has, its next fire
    /// time is still <paramref name="now"/>, so this waits (bounded) for the firing rather than moving the clock past it.
    /// </summary>
    private static async Task<DateTimeOffset> NextFireAfterAsync(IScheduler scheduler, IReadOnlyList<TriggerKey> keys, DateTimeOffset now)
    {
        using var patience = new CancellationTokenSource(Patience);
        while (true)
        {
            var fires = new List<DateTimeOffset>();
            foreach (var key in keys)
            {
                fires.Add((await scheduler.GetTrigger(key, patience.Token))!.NextFireTimeUtc!.Value);
            }

            if (fires.All(f => f > now))
            {
                return fires.Min();
            }

            await Task.Delay(TimeSpan.FromMilliseconds(10), TimeProvider.System, patience.Token);
        }
    }

    [Fact]
    public async Task Restart_FourMinutesAfterASlot_AirsItLateInsideTheGraceWindow_AndMissesItWhereTheWindowIsTwoMinutes()
    {
        var time = new FakeTimeProvider(VietnamTime.At(2026, 12, 1, 5, 0));
        long tenMinutes, twoMinutes;
        await using (var before = new SchedulingRig(_dir.Path, time))
        {
            await before.StartAsync();
            tenMinutes = (await before.Schedules.AddAsync(Requests.Daily("05:30"))).Id;
            twoMinutes = (await before.Schedules.AddAsync(Requests.Daily("05:30") with { Name = "Bản tin ngắn", Grace = "00:02:00" })).Id;
        }

        // The controller is down from 05:00 to 05:34; the 05:30 slots fall due meanwhile.
        time.SetUtcNow(VietnamTime.At(2026, 12, 1, 5, 34));
        await using (var after = new SchedulingRig(_dir.Path, time))
        {
            await after.StartAsync();
            Assert.True(await after.Audit.WaitForAsync(e => e.Action == AuditActions.SlotFired, 1, Patience), "the late slot did not air");
            Assert.True(await after.Audit.WaitForAsync(e => e.Action == AuditActions.SlotMissed, 1, Patience), "the missed slot was not recorded");

            var call = Assert.Single(after.Player.Calls);
            Assert.Equal((tenMinutes, VietnamTime.At(2026, 12, 1, 5, 30)), (call.Request.ScheduleId, call.Request.PlannedUtc));
            var late = Assert.Single(after.Ledger.ForSchedule(tenMinutes, 10));
            Assert.Equal((SlotStatus.Late, TimeSpan.FromMinutes(4)), (late.Status, late.Late));
            var missed = Assert.Single(after.Ledger.ForSchedule(twoMinutes, 10));
            Assert.Equal(SlotStatus.Missed, missed.Status);
            Assert.Equal("controller was not running at 2026-12-01 05:30; came back 05:34, after the 2-minute grace window", missed.Reason);
        }

        // A second restart at the same moment finds both slots settled: nothing airs twice.
        await using var again = new SchedulingRig(_dir.Path, time);
        await again.StartAsync();
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Empty(await again.Runner.ProcessAsync(tenMinutes, SlotRunMode.Fire, CancellationToken.None));
        Assert.Empty(again.Player.Calls);
        Assert.Single(again.Ledger.ForSchedule(tenMinutes, 10));
        Assert.Single(again.Ledger.ForSchedule(twoMinutes, 10));
    }
}
