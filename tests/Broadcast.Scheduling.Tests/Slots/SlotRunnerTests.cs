using Broadcast.Audit;
using Broadcast.Scheduling.Slots;
using Broadcast.Scheduling.Storage;
using Broadcast.Scheduling.Tests.Support;
using Broadcast.Tests.Common;
using Microsoft.Extensions.Time.Testing;

namespace Broadcast.Scheduling.Tests.Slots;

/// <summary>
/// The firing logic on a fake clock with a fake player: on time, late inside and beyond the grace window, the same
/// slot delivered twice, refusal by the arbiter, exception dates, a crash between claiming and starting.
/// </summary>
public sealed class SlotRunnerTests : IAsyncLifetime, IDisposable
{
    private static readonly DateTimeOffset Created = VietnamTime.At(2026, 12, 1, 0, 0);
    private static readonly DateTimeOffset Slot = VietnamTime.At(2026, 12, 1, 5, 30);

    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(Created);
    private SchedulingRig _rig = null!;

    public Task InitializeAsync()
    {
        _rig = NewRig(uptimeStarted: Created);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _rig.DisposeAsync();
        _dir.Dispose();
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Process_AtTheSlotTime_AirsOnTimeOnce()
    {
        var id = (await _rig.Schedules.AddAsync(Requests.Daily("05:30"))).Id;
        _time.SetUtcNow(Slot);

        var recorded = await _rig.Runner.ProcessAsync(id, SlotRunMode.Fire, CancellationToken.None);

        var call = Assert.Single(_rig.Player.Calls);
        Assert.Equal(Slot, call.Request.PlannedUtc);
        Assert.Equal(["news-1"], call.Request.Programmes);
        Assert.Equal($"schedule:{id}@2026-12-01T05:30:00+07:00", call.Request.Origin);
        var row = Assert.Single(recorded);
        Assert.Equal(SlotStatus.Aired, row.Status);
        Assert.Equal(TimeSpan.Zero, row.Late);
        Assert.Equal(101, row.BroadcastId);
        Assert.Equal(row with { RecordedUtc = Slot }, Assert.Single(_rig.Ledger.ForSchedule(id, 10)));
        var audit = Assert.Single(_rig.Audit.Of(AuditActions.SlotFired));
        Assert.Equal(("scheduler", $"schedule {id}", "aired"), (audit.Actor, audit.Subject, audit.Result));
        Assert.Contains("broadcast 101", audit.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Process_ThreeMinutesLate_InsideGrace_AirsAndRecordsLateBy()
    {
        var id = (await _rig.Schedules.AddAsync(Requests.Daily("05:30"))).Id;
        await RestartAsync(uptimeStarted: Slot + TimeSpan.FromMinutes(3));
        _time.SetUtcNow(Slot + TimeSpan.FromMinutes(3));

        var row = Assert.Single(await _rig.Runner.ProcessAsync(id, SlotRunMode.Fire, CancellationToken.None));

        Assert.Single(_rig.Player.Calls);
        Assert.Equal(SlotStatus.Late, row.Status);
        Assert.Equal(TimeSpan.FromMinutes(3), row.Late);
        Assert.Equal(
            "aired 3 min 0 s late: the controller was not running at 2026-12-01 05:30 and came back within the 10-minute grace window",
            row.Reason);
        Assert.Equal("late", Assert.Single(_rig.Audit.Of(AuditActions.SlotFired)).Result);
    }

    [Fact]
    public async Task Process_PastTheGraceWindow_RecordsMissedWithReason_AndNeverPlays()
    {
        var id = (await _rig.Schedules.AddAsync(Requests.Daily("05:30"))).Id;
        var cameBack = Slot + TimeSpan.FromMinutes(22);
        await RestartAsync(uptimeStarted: cameBack);
        _time.SetUtcNow(cameBack);

        var row = Assert.Single(await _rig.Runner.ProcessAsync(id, SlotRunMode.Fire, CancellationToken.None));

        Assert.Empty(_rig.Player.Calls);
        Assert.Equal(SlotStatus.Missed, row.Status);
        Assert.Equal("controller was not running at 2026-12-01 05:30; came back 05:52, after the 10-minute grace window", row.Reason);
        var audit = Assert.Single(_rig.Audit.Of(AuditActions.SlotMissed));
        Assert.Equal("missed", audit.Result);
        Assert.Contains("came back 05:52", audit.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Process_JustInsideAndJustOutsideAShortGraceWindow()
    {
        var inside = (await _rig.Schedules.AddAsync(Requests.Daily("05:30") with { Grace = "30s" })).Id;
        var outside = (await _rig.Schedules.AddAsync(Requests.Daily("05:30") with { Grace = "29s" })).Id;
        _time.SetUtcNow(Slot + TimeSpan.FromSeconds(30));

        var aired = Assert.Single(await _rig.Runner.ProcessAsync(inside, SlotRunMode.Fire, CancellationToken.None));
        var missed = Assert.Single(await _rig.Runner.ProcessAsync(outside, SlotRunMode.Fire, CancellationToken.None));

        Assert.Equal((SlotStatus.Late, TimeSpan.FromSeconds(30)), (aired.Status, aired.Late));
        Assert.Equal(SlotStatus.Missed, missed.Status);
        Assert.Equal("not fired until 05:30:30, after the 29-second grace window (the scheduler was stalled or the trigger was lost)", missed.Reason);
        Assert.Single(_rig.Player.Calls);
    }

    [Fact]
    public async Task Process_SameSlotDeliveredTwice_PlaysOnce()
    {
        var id = (await _rig.Schedules.AddAsync(Requests.Daily("05:30"))).Id;
        _time.SetUtcNow(Slot);

        await _rig.Runner.ProcessAsync(id, SlotRunMode.Fire, CancellationToken.None);
        var second = await _rig.Runner.ProcessAsync(id, SlotRunMode.Fire, CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(1));
        var third = await _rig.Runner.ProcessAsync(id, SlotRunMode.Fire, CancellationToken.None);

        Assert.Single(_rig.Player.Calls);
        Assert.Empty(second);
        Assert.Empty(third);
        Assert.Single(_rig.Ledger.ForSchedule(id, 10));
    }

    [Fact]
    public async Task Process_TwoRunnersRacingForOneSlot_PlayOnce()
    {
        // Two controllers (two runners over one database) fire the same slot while the first start is still running.
        var id = (await _rig.Schedules.AddAsync(Requests.Daily("05:30"))).Id;
        var other = new SlotRunner(_rig.Get<ScheduleRepository>(), _rig.Ledger, _rig.Player, _rig.Get<SlotReporter>(), new HostUptime(Created), _time, Microsoft.Extensions.Logging.Abstractions.NullLogger<SlotRunner>.Instance);
        var release = new TaskCompletionSource<SlotPlayResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        _rig.Player.Answer = _ => release.Task;
        _time.SetUtcNow(Slot);

        var first = _rig.Runner.ProcessAsync(id, SlotRunMode.Fire, CancellationToken.None);
        Assert.True(await _rig.Player.WaitForCallsAsync(1, TimeSpan.FromSeconds(10)));
        var second = await other.ProcessAsync(id, SlotRunMode.Fire, CancellationToken.None);
        release.SetResult(SlotPlayResult.Started(7, 3, 0));
        var firstRows = await first;

        Assert.Single(_rig.Player.Calls);
        Assert.Empty(second);
        Assert.Equal((SlotStatus.Aired, 7L), (firstRows.Single().Status, firstRows.Single().BroadcastId!.Value));
    }

    [Fact]
    public async Task Process_RefusedByTheArbiter_RecordsRefusedWithTheHolder()
    {
        var id = (await _rig.Schedules.AddAsync(Requests.Daily("05:30"))).Id;
        const string Holder = "broadcast refused on all 3 target endpoints: held by broadcast 4 (Emergency)";
        _rig.Player.Answer = _ => Task.FromResult(SlotPlayResult.RefusedBy(Holder));
        _time.SetUtcNow(Slot);

        var row = Assert.Single(await _rig.Runner.ProcessAsync(id, SlotRunMode.Fire, CancellationToken.None));

        Assert.Equal((SlotStatus.Refused, Holder), (row.Status, row.Reason));
        Assert.Null(row.BroadcastId);
        Assert.Equal("refused", Assert.Single(_rig.Audit.Of(AuditActions.SlotFired)).Result);
        Assert.Empty(await _rig.Runner.ProcessAsync(id, SlotRunMode.Fire, CancellationToken.None));
        Assert.Single(_rig.Player.Calls);
    }

    [Fact]
    public async Task Process_PlayerThrows_RecordsFailed_AndDoesNotRetry()
    {
        var id = (await _rig.Schedules.AddAsync(Requests.Daily("05:30"))).Id;
        _rig.Player.Answer = _ => throw new IOException("news-1.opus: disk read error");
        _time.SetUtcNow(Slot);

        var row = Assert.Single(await _rig.Runner.ProcessAsync(id, SlotRunMode.Fire, CancellationToken.None));
        _rig.Player.Answer = null;
        var again = await _rig.Runner.ProcessAsync(id, SlotRunMode.Fire, CancellationToken.None);

        Assert.Equal(SlotStatus.Failed, row.Status);
        Assert.Equal("IOException: news-1.opus: disk read error", row.Reason);
        Assert.Empty(again);
        Assert.Single(_rig.Player.Calls);
    }

    [Fact]
    public async Task Process_OnAnExceptionDate_RecordsSkipped_AndDoesNotPlay()
    {
        var id = (await _rig.Schedules.AddAsync(Requests.Daily("05:30"))).Id;
        Assert.NotNull(_rig.Schedules.Skip(id, new Definitions.SkipRequest("2026-12-01", "Quốc tang"), "tester").Value);
        _time.SetUtcNow(Slot);

        var row = Assert.Single(await _rig.Runner.ProcessAsync(id, SlotRunMode.Fire, CancellationToken.None));

        Assert.Empty(_rig.Player.Calls);
        Assert.Equal((SlotStatus.Skipped, "2026-12-01 is an exception date of this schedule: Quốc tang"), (row.Status, row.Reason));
        Assert.Equal("skipped", Assert.Single(_rig.Audit.Of(AuditActions.SlotMissed)).Result);
    }

    [Fact]
    public async Task Process_AfterTwoDaysDown_AirsOnlyTheLatestSlotInsideGrace_AndRecordsEachEarlierOneMissed()
    {
        var id = (await _rig.Schedules.AddAsync(Requests.Daily("05:30", "17:00"))).Id;
        var cameBack = VietnamTime.At(2026, 12, 3, 5, 35);
        await RestartAsync(uptimeStarted: cameBack);
        _time.SetUtcNow(cameBack);

        var recorded = await _rig.Runner.ProcessAsync(id, SlotRunMode.Fire, CancellationToken.None);

        Assert.Equal(VietnamTime.At(2026, 12, 3, 5, 30), Assert.Single(_rig.Player.Calls).Request.PlannedUtc);
        var ledger = _rig.Ledger.ForSchedule(id, 10);
        Assert.Equal(
            [
                (VietnamTime.At(2026, 12, 1, 5, 30), SlotStatus.Missed),
                (VietnamTime.At(2026, 12, 1, 17, 0), SlotStatus.Missed),
                (VietnamTime.At(2026, 12, 2, 5, 30), SlotStatus.Missed),
                (VietnamTime.At(2026, 12, 2, 17, 0), SlotStatus.Missed),
                (VietnamTime.At(2026, 12, 3, 5, 30), SlotStatus.Late),
            ],
            ledger.Select(r => (r.PlannedUtc, r.Status)));
        Assert.Equal("controller was not running at 2026-12-02 17:00; came back 2026-12-03 05:35, after the 10-minute grace window", ledger[3].Reason);
        Assert.Equal(5, recorded.Count);
        Assert.Equal(4, _rig.Audit.Of(AuditActions.SlotMissed).Count);
    }

    [Fact]
    public async Task Sweep_LeavesASlotInsideItsGraceWindowToTheFiring_AndSettlesItOncePast()
    {
        var id = (await _rig.Schedules.AddAsync(Requests.Daily("05:30"))).Id;
        _time.SetUtcNow(Slot + TimeSpan.FromMinutes(5));

        var early = await _rig.Runner.ProcessAsync(id, SlotRunMode.Sweep, CancellationToken.None);
        _time.SetUtcNow(Slot + TimeSpan.FromMinutes(11));
        var late = await _rig.Runner.ProcessAsync(id, SlotRunMode.Sweep, CancellationToken.None);

        Assert.Empty(early);
        Assert.Equal(SlotStatus.Missed, Assert.Single(late).Status);
        Assert.Empty(_rig.Player.Calls);
    }

    [Fact]
    public async Task StaleClaim_FromACrashBetweenClaimAndStart_BecomesFailed_AndIsNeverAired()
    {
        var id = (await _rig.Schedules.AddAsync(Requests.Daily("05:30"))).Id;
        _time.SetUtcNow(Slot);
        Assert.True(_rig.Ledger.TryInsert(new SlotRecord(id, Slot, SlotStatus.Starting, Slot)));

        // What ScheduleStartup does on the next start.
        var failed = _rig.Ledger.FailStaleClaims(DateTimeOffset.MaxValue, Slot + TimeSpan.FromMinutes(1), "the controller stopped while starting this slot");
        var recorded = await _rig.Runner.ProcessAsync(id, SlotRunMode.Fire, CancellationToken.None);

        Assert.Equal(1, failed);
        Assert.Empty(recorded);
        Assert.Empty(_rig.Player.Calls);
        Assert.Equal(SlotStatus.Failed, Assert.Single(_rig.Ledger.ForSchedule(id, 10)).Status);
    }

    [Fact]
    public async Task Process_RemovedSchedule_DoesNothing()
    {
        var id = (await _rig.Schedules.AddAsync(Requests.Daily("05:30"))).Id;
        Assert.NotNull(await _rig.Schedules.RemoveAsync(id, "tester", CancellationToken.None));
        _time.SetUtcNow(Slot);

        Assert.Empty(await _rig.Runner.ProcessAsync(id, SlotRunMode.Fire, CancellationToken.None));
        Assert.Empty(_rig.Player.Calls);
    }

    private SchedulingRig NewRig(DateTimeOffset uptimeStarted) =>
        new(_dir.Path, _time, uptime: new HostUptime(uptimeStarted), triggers: new RecordingTriggers());

    /// <summary>A new controller process on the same data directory, started at <paramref name="uptimeStarted"/>.</summary>
    private async Task RestartAsync(DateTimeOffset uptimeStarted)
    {
        await _rig.DisposeAsync();
        _rig = NewRig(uptimeStarted);
    }
}
