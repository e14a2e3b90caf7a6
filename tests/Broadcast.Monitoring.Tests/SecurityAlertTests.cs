using System.Net;
using Broadcast.Monitoring.Alerts;
using Broadcast.Monitoring.Tests.Support;
using Broadcast.Protocol.Handshake;

namespace Broadcast.Monitoring.Tests;

public sealed class SecurityAlertTests
{
    private const string Id = "BX-MV-01";
    private static readonly IPAddress From = IPAddress.Parse("10.9.9.9");

    [Fact]
    public void Poll_HandshakeFailuresBelowThreshold_NoAlert()
    {
        using var rig = new MonitorRig();
        Refuse(rig, rig.Options.HandshakeFailuresThreshold - 1);
        rig.PollEvery(5);

        Assert.Empty(rig.AllAlerts());
    }

    [Fact]
    public void Poll_HandshakeFailureBurstReachesThreshold_OneAlertCountingEveryFailure()
    {
        using var rig = new MonitorRig();
        Refuse(rig, 3);
        rig.PollEvery(1);
        Refuse(rig, 2);
        rig.PollEvery(1);
        var raisedAt = rig.Time.GetUtcNow();
        Refuse(rig, 4);
        rig.PollEvery(10);

        var alert = Assert.Single(rig.AllAlerts());
        Assert.Equal(AlertKind.HandshakeFailures, alert.Kind);
        Assert.Equal(Id, alert.Subject);
        Assert.Equal("Mường Vi", alert.Commune);
        Assert.Equal(raisedAt, alert.RaisedAt);
        Assert.Equal(9, alert.Count);
        Assert.Contains("latest: Replayed from 10.9.9.9", alert.Message);
    }

    [Fact]
    public void Poll_FailuresSpreadWiderThanTheWindow_NoAlert()
    {
        using var rig = new MonitorRig();
        var threshold = rig.Options.HandshakeFailuresThreshold;
        Refuse(rig, threshold - 1);
        rig.PollEvery(1);
        rig.PollUntil(rig.Time.GetUtcNow() + rig.Options.SecurityWindow + TimeSpan.FromSeconds(5));
        Refuse(rig, threshold - 1);
        rig.PollEvery(5);

        Assert.Empty(rig.AllAlerts());
    }

    [Fact]
    public void Poll_QuietForAWholeWindow_HandshakeAlertResolves()
    {
        using var rig = new MonitorRig();
        Refuse(rig, rig.Options.HandshakeFailuresThreshold);
        rig.PollEvery(1);
        var lastFailure = rig.Time.GetUtcNow();
        rig.PollUntil(lastFailure + rig.Options.SecurityWindow - rig.Options.PollInterval);
        Assert.Equal(AlertState.Open, Assert.Single(rig.AllAlerts()).State);

        rig.PollEvery(1);
        Assert.Equal(AlertState.Resolved, Assert.Single(rig.AllAlerts()).State);
    }

    [Fact]
    public void Poll_OneWrongAddressAttempt_CriticalAlertNamingTheAddress()
    {
        using var rig = new MonitorRig();
        rig.Security.HelloRefused(Id, HandshakeStatus.AddressOutsideBinding, From);
        rig.PollEvery(1);
        rig.Security.WrongAddress(Id, IPAddress.Parse("10.9.9.10"));
        rig.PollEvery(3);

        var alert = Assert.Single(rig.AllAlerts());
        Assert.Equal(AlertKind.WrongAddress, alert.Kind);
        Assert.Equal(AlertSeverity.Critical, alert.Severity);
        Assert.Equal(2, alert.Count);
        Assert.Contains("presented from 10.9.9.10, outside its address binding (2 times", alert.Message);
    }

    private static void Refuse(MonitorRig rig, int times)
    {
        for (var i = 0; i < times; i++)
        {
            rig.Security.HelloRefused(Id, HandshakeStatus.Replayed, From);
        }
    }
}
