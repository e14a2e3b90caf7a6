using Broadcast.Audit;
using Broadcast.Monitoring.Alerts;
using Broadcast.Monitoring.Tests.Support;

namespace Broadcast.Monitoring.Tests;

public sealed class SlotMissedAlertTests
{
    [Fact]
    public void Poll_OneMissedSlot_OneAlertHoweverOftenTheTrailIsRead()
    {
        using var rig = new MonitorRig();
        Missed(rig, "schedule 7", "missed");
        rig.PollEvery(1);
        var raisedAt = rig.Time.GetUtcNow();
        rig.PollEvery(50);

        var alert = Assert.Single(rig.AllAlerts());
        Assert.Equal(AlertKind.SlotMissed, alert.Kind);
        Assert.Equal(AlertSeverity.Critical, alert.Severity);
        Assert.Equal("schedule 7", alert.Subject);
        Assert.Equal("Y Tý", alert.Commune);
        Assert.Equal(1, alert.Count);
        Assert.Equal(raisedAt, alert.RaisedAt);
        Assert.Contains("'Tin sáng' slot 2025-06-02 06:00", alert.Message);
    }

    [Fact]
    public void Poll_AfterRestart_TheSameEntryRaisesNothingNew()
    {
        using var rig = new MonitorRig();
        Missed(rig, "schedule 7", "missed");
        rig.PollEvery(3);
        var id = Assert.Single(rig.AllAlerts()).Id;
        rig.Board.Acknowledge(id, "tech");

        rig.Reopen();
        rig.PollEvery(10);

        var alert = Assert.Single(rig.AllAlerts());
        Assert.Equal((id, 1, AlertState.Acknowledged), (alert.Id, alert.Count, alert.State));
    }

    [Fact]
    public void Poll_SecondMissOfTheSameSchedule_CountsOnTheOpenAlert()
    {
        using var rig = new MonitorRig();
        Missed(rig, "schedule 7", "missed");
        rig.PollEvery(1);
        Missed(rig, "schedule 7", "missed");
        Missed(rig, "schedule 7", "skipped");
        Missed(rig, "schedule 9", "skipped");
        rig.PollEvery(5);

        var alert = Assert.Single(rig.AllAlerts());
        Assert.Equal(2, alert.Count);
    }

    [Fact]
    public void Poll_NextSlotAired_ResolvesTheAlert()
    {
        using var rig = new MonitorRig();
        Missed(rig, "schedule 7", "missed");
        rig.PollEvery(1);
        Fired(rig, "schedule 8", "aired");
        Fired(rig, "schedule 7", "refused");
        rig.PollEvery(1);
        Assert.Equal(AlertState.Open, Assert.Single(rig.AllAlerts()).State);

        Fired(rig, "schedule 7", "aired");
        rig.PollEvery(1);

        Assert.Equal(AlertState.Resolved, Assert.Single(rig.AllAlerts()).State);
    }

    [Fact]
    public void Poll_MissAndAiringReadInOnePoll_AppliedInTrailOrder()
    {
        using var rig = new MonitorRig();
        Fired(rig, "schedule 7", "aired");
        Missed(rig, "schedule 7", "missed");
        Missed(rig, "schedule 8", "missed");
        Fired(rig, "schedule 8", "late");
        rig.PollEvery(1);

        var alerts = rig.AllAlerts().ToDictionary(a => a.Subject);
        Assert.Equal(AlertState.Open, alerts["schedule 7"].State);
        Assert.Equal(AlertState.Resolved, alerts["schedule 8"].State);
    }

    [Fact]
    public void Poll_FirstReadOfANewAlertDatabase_IgnoresMissesOlderThanADay()
    {
        using var rig = new MonitorRig();
        Missed(rig, "schedule 3", "missed");
        rig.Time.Advance(TimeSpan.FromDays(2));
        rig.PollEvery(1);
        Assert.Empty(rig.AllAlerts());

        Missed(rig, "schedule 4", "missed");
        rig.PollEvery(1);

        Assert.Equal("schedule 4", Assert.Single(rig.AllAlerts()).Subject);
    }

    private static void Missed(MonitorRig rig, string subject, string result) =>
        rig.Audit.Append(new AuditEvent(AuditActors.Scheduler, AuditActions.SlotMissed, subject, result, ["commune:Y Tý"], ["Y Tý"],
            $"'Tin sáng' slot 2025-06-02 06:00 (Asia/Ho_Chi_Minh): {result}; controller was down"));

    private static void Fired(MonitorRig rig, string subject, string result) =>
        rig.Audit.Append(new AuditEvent(AuditActors.Scheduler, AuditActions.SlotFired, subject, result, ["commune:Y Tý"], ["Y Tý"], "broadcast 12"));
}
