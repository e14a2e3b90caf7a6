using System.Net;
using Broadcast.Controller.Sessions;
using Broadcast.Protocol.Handshake;

namespace Broadcast.Monitoring.Tests;

public sealed class SecurityEventCounterTests
{
    [Fact]
    public void HelloRefused_AddressOutsideBinding_CountsAsWrongAddressNotAsFailure()
    {
        var counter = new SecurityEventCounter();
        counter.HelloRefused("BX-TT-01", HandshakeStatus.AddressOutsideBinding, IPAddress.Parse("10.0.0.7"));
        counter.HelloRefused("BX-TT-01", HandshakeStatus.ClockSkew, IPAddress.Parse("10.0.0.8"));
        counter.HelloRefused("BX-TT-01", HandshakeStatus.DecryptFailed, null);
        counter.WrongAddress("BX-TT-02", IPAddress.Parse("10.0.0.9"));

        var totals = counter.Snapshot();

        Assert.Equal(["BX-TT-01", "BX-TT-02"], totals.Select(t => t.EndpointId));
        Assert.Equal(new SecurityEventCounter.Counts("BX-TT-01", 2, 1, "10.0.0.8", "DecryptFailed"), totals[0]);
        Assert.Equal(new SecurityEventCounter.Counts("BX-TT-02", 0, 1, "10.0.0.9", null), totals[1]);
    }

    [Fact]
    public void HelloRefused_MoreDistinctIdsThanTheBound_ExtraIdsShareOneEntry()
    {
        var counter = new SecurityEventCounter();
        for (var i = 0; i < SecurityEventCounter.MaxTrackedIds + 10; i++)
        {
            counter.HelloRefused($"invented-{i}", HandshakeStatus.UnknownEndpoint, null);
        }

        var totals = counter.Snapshot();

        Assert.Equal(SecurityEventCounter.MaxTrackedIds + 1, totals.Count);
        Assert.Equal(10, totals.Single(t => t.EndpointId == SecurityEventCounter.OverflowId).HandshakeFailures);
        Assert.Equal(SecurityEventCounter.MaxTrackedIds + 10, totals.Sum(t => t.HandshakeFailures));
    }
}
