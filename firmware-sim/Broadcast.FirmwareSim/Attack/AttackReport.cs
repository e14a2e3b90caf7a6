namespace Broadcast.FirmwareSim.Attack;

/// <summary>What one attacker cluster sent (report field <c>attack</c>; absent for honest clusters).</summary>
public sealed record AttackReport
{
    /// <summary>Attacks this cluster ran (forge, replay, reroute, wrong-ip).</summary>
    public required IReadOnlyList<string> Kinds { get; init; }

    /// <summary>Forged media packets (attacker tone under the channel key) delivered to targets.</summary>
    public long ForgedMediaSent { get; init; }

    /// <summary>Captured packets re-sent to other clusters.</summary>
    public long ReplayedSent { get; init; }

    /// <summary>Captured packets re-sent to the attacker itself, later.</summary>
    public long SelfReplayedSent { get; init; }

    /// <summary>Own stream forwarded to clusters of another commune.</summary>
    public long ReroutedSent { get; init; }

    /// <summary>Hellos with random keys or bit flips published to the broker.</summary>
    public long ForgedHellosSent { get; init; }

    /// <summary>Hellos with a stolen key pair from the attacker's address.</summary>
    public long WrongIpHellosSent { get; init; }

    /// <summary>Sessions the controller sent back to a stolen-credentials Hello: must stay 0.</summary>
    public long WrongIpSessionsReceived { get; init; }

    /// <summary>Attacker datagrams sent, per target cluster id.</summary>
    public required IReadOnlyDictionary<string, long> SentTo { get; init; }
}
