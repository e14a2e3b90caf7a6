using Broadcast.Controller.Broadcasts;

namespace Broadcast.Controller.Tests;

public sealed class BroadcastArbiterTests
{
    [Fact]
    public void Request_EmergencyOverDistrict_PreemptsAndResumesAfter()
    {
        var arbiter = new BroadcastArbiter();
        arbiter.Request(1, BroadcastPriority.District, ["A", "B"]);
        var emergency = arbiter.Request(2, BroadcastPriority.Emergency, ["A"]);
        Assert.Equal([new Grant("A", 1)], emergency.Granted);
        Assert.Equal(2, arbiter.ActiveOn("A"));
        Assert.Equal(1, arbiter.ActiveOn("B"));

        var resumed = arbiter.Release(2);
        Assert.Equal([new Resumption("A", 1)], resumed);
        Assert.Equal(1, arbiter.ActiveOn("A"));
    }

    [Fact]
    public void Request_CommuneOverDistrict_RefusedWithReason()
    {
        var arbiter = new BroadcastArbiter();
        arbiter.Request(1, BroadcastPriority.District, ["A"]);
        var commune = arbiter.Request(2, BroadcastPriority.Commune, ["A"]);
        Assert.Empty(commune.Granted);
        var refusal = Assert.Single(commune.Refused);
        Assert.Equal(1, refusal.Holder);
        Assert.Contains("District", refusal.Reason, StringComparison.Ordinal);
        Assert.Equal(1, arbiter.ActiveOn("A"));
    }

    [Fact]
    public void Request_EqualPriority_FirstComeFirstServed()
    {
        var arbiter = new BroadcastArbiter();
        arbiter.Request(1, BroadcastPriority.District, ["A"]);
        var second = arbiter.Request(2, BroadcastPriority.District, ["A", "B"]);
        Assert.Equal([new Grant("B", null)], second.Granted);
        Assert.Contains("first come", Assert.Single(second.Refused).Reason, StringComparison.Ordinal);
        Assert.Equal([new Resumption("A", null)], arbiter.Release(1));
    }
}
