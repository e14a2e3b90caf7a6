using Broadcast.Library;
using Broadcast.Scheduling.Definitions;
using Broadcast.Scheduling.Schedules;
using Broadcast.Scheduling.Slots;
using Broadcast.Scheduling.Tests.Support;
using Broadcast.Tests.Common;
using Microsoft.Extensions.Time.Testing;

namespace Broadcast.Scheduling.Tests.Schedules;

/// <summary>The calendar view of slots in a range, and the library's question "does a future schedule play this?".</summary>
public sealed class CalendarAndUsageTests : IAsyncLifetime, IDisposable
{
    private static readonly DateTimeOffset Created = VietnamTime.At(2026, 12, 1, 0, 0);

    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(Created);
    private SchedulingRig _rig = null!;

    public Task InitializeAsync()
    {
        _rig = new SchedulingRig(_dir.Path, _time, uptime: new HostUptime(Created), triggers: new RecordingTriggers());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Range_ShowsLedgerStatusForPastSlots_AndPlannedOrSkippedForFutureOnes()
    {
        var id = (await _rig.Schedules.AddAsync(Requests.Daily("05:30", "17:00"))).Id;
        Assert.NotNull(_rig.Schedules.Skip(id, new SkipRequest("2026-12-02", "Lễ"), "tester").Value);
        _time.SetUtcNow(VietnamTime.At(2026, 12, 1, 5, 30));
        await _rig.Runner.ProcessAsync(id, SlotRunMode.Fire, CancellationToken.None);
        _time.SetUtcNow(VietnamTime.At(2026, 12, 1, 17, 30));
        await _rig.Runner.ProcessAsync(id, SlotRunMode.Sweep, CancellationToken.None);

        var slots = _rig.Get<SlotCalendar>().Range("2026-12-01", "2026-12-03").Value!;

        Assert.Equal(
            [
                ("2026-12-01T05:30:00+07:00", "aired"),
                ("2026-12-01T17:00:00+07:00", "missed"),
                ("2026-12-02T05:30:00+07:00", "skipped"),
                ("2026-12-02T17:00:00+07:00", "skipped"),
            ],
            slots.Select(s => (s.PlannedAt, s.Status)));
        Assert.Equal(101, slots[0].BroadcastId);
        Assert.Equal("Lễ", slots[2].Reason);
    }

    [Fact]
    public async Task Range_KeepsTheSlotsOfARemovedSchedule()
    {
        var id = (await _rig.Schedules.AddAsync(Requests.Daily("05:30"))).Id;
        _time.SetUtcNow(VietnamTime.At(2026, 12, 1, 5, 30));
        await _rig.Runner.ProcessAsync(id, SlotRunMode.Fire, CancellationToken.None);
        await _rig.Schedules.RemoveAsync(id, "tester", CancellationToken.None);

        var slots = _rig.Get<SlotCalendar>().Range("2026-12-01", "2026-12-04").Value!;

        Assert.Equal(("2026-12-01T05:30:00+07:00", "aired", id), (Assert.Single(slots).PlannedAt, slots[0].Status, slots[0].ScheduleId));
    }

    [Theory]
    [InlineData("2026-12-08", "2026-12-01", "to")]
    [InlineData("2026-12-01", "2027-03-01", "to")]
    [InlineData("1/12/2026", null, "from")]
    public void Range_BadBounds_AreRefusedNamingTheField(string from, string? to, string field)
    {
        Assert.Equal(field, Assert.Single(_rig.Get<SlotCalendar>().Range(from, to).Problems).Field);
    }

    [Fact]
    public async Task FindFutureUse_NamesTheScheduleAndItsNextSlot_UntilItIsRemoved()
    {
        var id = (await _rig.Schedules.AddAsync(Requests.Daily("05:30") with { Programmes = [SchedulingRig.SecondProgramme, SchedulingRig.Programme] })).Id;
        var usage = _rig.Get<IProgrammeUsage>();

        Assert.Equal($"schedule {id} 'Bản tin sáng' next at 2026-12-01 05:30", usage.FindFutureUse(SchedulingRig.Programme));
        Assert.Null(usage.FindFutureUse("some-other"));
        await _rig.Schedules.RemoveAsync(id, "tester", CancellationToken.None);
        Assert.Null(usage.FindFutureUse(SchedulingRig.Programme));
    }

    [Fact]
    public async Task FindFutureUse_IsNullOnceAOneOffHasPassed()
    {
        await _rig.Schedules.AddAsync(Requests.OneOff("2026-12-01 05:30"));
        var usage = _rig.Get<IProgrammeUsage>();

        Assert.NotNull(usage.FindFutureUse(SchedulingRig.Programme));
        _time.SetUtcNow(VietnamTime.At(2026, 12, 1, 5, 31));
        Assert.Null(usage.FindFutureUse(SchedulingRig.Programme));
    }
}
