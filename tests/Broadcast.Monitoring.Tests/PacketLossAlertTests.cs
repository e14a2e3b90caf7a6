using Broadcast.Monitoring.Alerts;
using Broadcast.Monitoring.Tests.Support;
using Broadcast.Protocol.Control;

namespace Broadcast.Monitoring.Tests;

public sealed class PacketLossAlertTests
{
    private const string Id = "BX-TT-01";

    [Fact]
    public void Poll_LossAboveThreshold_OneWarningWhileItLasts()
    {
        using var rig = new MonitorRig();
        Report(rig, lossPerTenThousand: 499);
        rig.PollEvery(10);
        Assert.Empty(rig.AllAlerts());

        Report(rig, lossPerTenThousand: 820);
        rig.PollEvery(1);
        var raisedAt = rig.Time.GetUtcNow();
        rig.PollEvery(30);

        var alert = Assert.Single(rig.AllAlerts());
        Assert.Equal(AlertKind.PacketLoss, alert.Kind);
        Assert.Equal(AlertSeverity.Warning, alert.Severity);
        Assert.Equal(Id, alert.Subject);
        Assert.Equal("Trịnh Tường", alert.Commune);
        Assert.Equal(raisedAt, alert.RaisedAt);
        Assert.Equal(1, alert.Count);
        Assert.Contains("8.2% packet loss (threshold 5%)", alert.Message);
    }

    [Fact]
    public void Poll_LossDropsBelowThreshold_ResolvesOnlyAfterLossClearAfter()
    {
        using var rig = new MonitorRig();
        Report(rig, lossPerTenThousand: 1000);
        rig.PollEvery(1);
        Report(rig, lossPerTenThousand: 100);
        rig.PollEvery(1);
        var belowSince = rig.Time.GetUtcNow();

        rig.PollUntil(belowSince + rig.Options.LossClearAfter - rig.Options.PollInterval);
        Assert.Equal(AlertState.Open, Assert.Single(rig.AllAlerts()).State);

        rig.PollEvery(1);
        var alert = Assert.Single(rig.AllAlerts());
        Assert.Equal(AlertState.Resolved, alert.State);
        Assert.Equal(belowSince + rig.Options.LossClearAfter, alert.ResolvedAt);
    }

    [Fact]
    public void Poll_LossFlapsFasterThanLossClearAfter_OneAlertCountingEachRise()
    {
        using var rig = new MonitorRig();
        for (var rise = 0; rise < 3; rise++)
        {
            Report(rig, lossPerTenThousand: 900);
            rig.PollEvery(3);
            Report(rig, lossPerTenThousand: 50);
            rig.PollEvery(3);
        }

        var alert = Assert.Single(rig.AllAlerts());
        Assert.Equal(AlertState.Open, alert.State);
        Assert.Equal(3, alert.Count);
    }

    [Fact]
    public void Poll_EndpointOfflineWithHighLastLoss_StaleFigureRaisesNothing()
    {
        using var rig = new MonitorRig(o => o.OfflineAfter = TimeSpan.FromHours(1));
        Report(rig, lossPerTenThousand: 5000);
        rig.SetOffline(Id);
        rig.PollEvery(20);

        Assert.Empty(rig.AllAlerts());
    }

    private static void Report(MonitorRig rig, ushort lossPerTenThousand) =>
        rig.Endpoint(Id).LastStatus = new StatusMessage(EndpointState.Playing, 80, 400, lossPerTenThousand, 0, 7, 1, 3600);
}
