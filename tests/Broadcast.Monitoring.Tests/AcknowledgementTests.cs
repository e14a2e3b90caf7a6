using Broadcast.Audit;
using Broadcast.Monitoring.Alerts;
using Broadcast.Monitoring.Tests.Support;

namespace Broadcast.Monitoring.Tests;

public sealed class AcknowledgementTests
{
    [Fact]
    public void Acknowledge_ThenReopen_AcknowledgementSurvives()
    {
        using var rig = new MonitorRig();
        rig.SetOffline("BX-DS-02");
        rig.PollUntil(MonitorRig.Start + TimeSpan.FromMinutes(3));
        var alert = Assert.Single(rig.AllAlerts());
        rig.Time.Advance(TimeSpan.FromSeconds(2));
        var ackAt = rig.Time.GetUtcNow();

        var outcome = rig.Board.Acknowledge(alert.Id, "kythuat.lan");
        rig.Reopen();

        Assert.Equal(AcknowledgeStatus.Acknowledged, outcome.Status);
        var saved = rig.Board.Find(alert.Id);
        Assert.NotNull(saved);
        Assert.Equal(AlertState.Acknowledged, saved.State);
        Assert.Equal("kythuat.lan", saved.AcknowledgedBy);
        Assert.Equal(ackAt, saved.AcknowledgedAt);
    }

    [Fact]
    public void Acknowledge_RecordsWhoInTheAuditTrail()
    {
        using var rig = new MonitorRig();
        rig.SetOffline("BX-DS-02");
        rig.PollUntil(MonitorRig.Start + TimeSpan.FromMinutes(3));
        var alert = Assert.Single(rig.AllAlerts());

        rig.Board.Acknowledge(alert.Id, "kythuat.lan");

        var entry = Assert.Single(rig.Audit.Query(new AuditQuery(Action: MonitoringAuditActions.AlertAcknowledge)));
        Assert.Equal("kythuat.lan", entry.Actor);
        Assert.Equal($"alert {alert.Id}", entry.Subject);
        Assert.Equal(["BX-DS-02"], entry.Targets);
        Assert.Equal(["Dền Sáng"], entry.Communes);
    }

    [Fact]
    public void Acknowledge_Twice_KeepsTheFirstAndAuditsOnce()
    {
        using var rig = new MonitorRig();
        rig.SetOffline("BX-DS-02");
        rig.PollUntil(MonitorRig.Start + TimeSpan.FromMinutes(3));
        var id = Assert.Single(rig.AllAlerts()).Id;
        rig.Board.Acknowledge(id, "first");
        rig.Time.Advance(TimeSpan.FromMinutes(1));

        var second = rig.Board.Acknowledge(id, "second");

        Assert.Equal(AcknowledgeStatus.AlreadyAcknowledged, second.Status);
        Assert.Equal("first", second.Alert!.AcknowledgedBy);
        Assert.Single(rig.Audit.Query(new AuditQuery(Action: MonitoringAuditActions.AlertAcknowledge)));
    }

    [Fact]
    public void Acknowledge_ResolvedOrUnknown_SaysSoAndChangesNothing()
    {
        using var rig = new MonitorRig();
        rig.SetOffline("BX-DS-02");
        rig.PollUntil(MonitorRig.Start + TimeSpan.FromMinutes(3));
        rig.SetOnline("BX-DS-02");
        rig.PollEvery(1);
        var id = Assert.Single(rig.AllAlerts()).Id;

        Assert.Equal(AcknowledgeStatus.Resolved, rig.Board.Acknowledge(id, "tech").Status);
        Assert.Equal(AcknowledgeStatus.NotFound, rig.Board.Acknowledge(id + 100, "tech").Status);
        Assert.Null(rig.Board.Find(id)!.AcknowledgedBy);
        Assert.Empty(rig.Audit.Query(new AuditQuery(Action: MonitoringAuditActions.AlertAcknowledge)));
    }

    [Fact]
    public void Acknowledge_Group_AcknowledgesEveryMemberAndLaterJoiners()
    {
        using var rig = new MonitorRig();
        var ids = MonitorRig.ClustersOf("Bản Xèo").Take(8).ToArray();
        rig.SetOffline(ids[..7]);
        rig.PollUntil(MonitorRig.Start + TimeSpan.FromMinutes(3));
        var group = Assert.Single(rig.Board.List(new AlertListQuery()));

        rig.Board.Acknowledge(group.Id, "truc.ban");
        rig.SetOffline(ids[7]);
        rig.PollUntil(MonitorRig.Start + TimeSpan.FromMinutes(8));
        rig.Reopen();

        var saved = rig.Board.Find(group.Id)!;
        Assert.Equal(AlertState.Acknowledged, saved.State);
        Assert.Equal(8, saved.Members!.Count);
        Assert.All(saved.Members!, m => Assert.Equal(("truc.ban", AlertState.Acknowledged), (m.AcknowledgedBy, m.State)));
        var entry = Assert.Single(rig.Audit.Query(new AuditQuery(Action: MonitoringAuditActions.AlertAcknowledge)));
        Assert.Equal(ids[..7], entry.Targets.Order(StringComparer.Ordinal));
    }
}
