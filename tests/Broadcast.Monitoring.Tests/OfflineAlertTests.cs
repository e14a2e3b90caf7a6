using Broadcast.Monitoring.Alerts;
using Broadcast.Monitoring.Tests.Support;

namespace Broadcast.Monitoring.Tests;

public sealed class OfflineAlertTests
{
    [Fact]
    public void Poll_EndpointOfflineForMinutes_RaisesExactlyOneAlertAndResolvesOnReturn()
    {
        using var rig = new MonitorRig();
        const string id = "BX-YT-01";
        rig.SetOffline(id);
        var offlineSeen = MonitorRig.Start + rig.Options.PollInterval;

        // Up to just before OfflineAfter: nothing yet.
        rig.PollUntil(offlineSeen + rig.Options.OfflineAfter - rig.Options.PollInterval);
        Assert.Empty(rig.AllAlerts());

        // Then many polls, as many as a long outage brings heartbeats and more: still one alert.
        rig.PollEvery(1);
        var raisedAt = rig.Time.GetUtcNow();
        Assert.Equal(offlineSeen + rig.Options.OfflineAfter, raisedAt);
        rig.PollEvery(200);

        var alert = Assert.Single(rig.AllAlerts());
        Assert.Equal(AlertKind.EndpointOffline, alert.Kind);
        Assert.Equal(id, alert.Subject);
        Assert.Equal("Y Tý", alert.Commune);
        Assert.Equal(AlertSeverity.Critical, alert.Severity);
        Assert.Equal(AlertState.Open, alert.State);
        Assert.Equal(1, alert.Count);
        Assert.Equal(raisedAt, alert.RaisedAt);
        Assert.Equal(rig.Time.GetUtcNow(), alert.LastSeenAt);
        Assert.Contains("BX-YT-01 (Y Tý) is offline: last heard 2025-06-02 01:00:00 UTC", alert.Message);

        rig.SetOnline(id);
        rig.PollEvery(1);
        var back = rig.Time.GetUtcNow();
        rig.PollEvery(20);

        var resolved = Assert.Single(rig.AllAlerts());
        Assert.Equal(alert.Id, resolved.Id);
        Assert.Equal(AlertState.Resolved, resolved.State);
        Assert.Equal(back, resolved.ResolvedAt);
    }

    [Fact]
    public void Poll_OfflineShorterThanThreshold_NoAlert()
    {
        using var rig = new MonitorRig();
        rig.SetOffline("BX-AL-01");
        rig.PollUntil(MonitorRig.Start + rig.Options.OfflineAfter - TimeSpan.FromSeconds(10));
        rig.SetOnline("BX-AL-01");
        rig.PollEvery(100);

        Assert.Empty(rig.AllAlerts());
    }

    [Fact]
    public void Poll_OfflineAgainAfterResolving_RaisesASecondAlert()
    {
        using var rig = new MonitorRig();
        rig.SetOffline("BX-AL-01");
        rig.PollUntil(MonitorRig.Start + TimeSpan.FromMinutes(5));
        rig.SetOnline("BX-AL-01");
        rig.PollEvery(1);
        rig.SetOffline("BX-AL-01");
        rig.PollUntil(rig.Time.GetUtcNow() + TimeSpan.FromMinutes(5));

        var alerts = rig.AllAlerts().OrderBy(a => a.Id).ToList();
        Assert.Equal(2, alerts.Count);
        Assert.Equal(AlertState.Resolved, alerts[0].State);
        Assert.Equal(AlertState.Open, alerts[1].State);
    }

    [Fact]
    public void Reopen_EndpointStillOffline_KeepsTheSameAlert()
    {
        using var rig = new MonitorRig();
        rig.SetOffline("BX-AL-02");
        rig.PollUntil(MonitorRig.Start + TimeSpan.FromMinutes(4));
        var before = Assert.Single(rig.AllAlerts());

        rig.Reopen();
        rig.PollUntil(rig.Time.GetUtcNow() + TimeSpan.FromMinutes(10));

        var after = Assert.Single(rig.AllAlerts());
        Assert.Equal(before.Id, after.Id);
        Assert.Equal(AlertState.Open, after.State);
        Assert.Equal(rig.Time.GetUtcNow(), after.LastSeenAt);
    }
}
