namespace Broadcast.FirmwareSim.Report;

/// <summary>One cluster's figures in the report (names as the JSON shows them, camelCase).</summary>
public sealed record ClusterReport
{
    public required string Id { get; init; }

    public required string Commune { get; init; }

    public required string Hamlet { get; init; }

    public bool Attacker { get; init; }

    public bool HandshakeOk { get; init; }

    public bool Online { get; init; }

    /// <summary>Sessions established: the first handshake, re-handshakes after reconnecting and periodic ones.</summary>
    public long Handshakes { get; init; }

    public long PacketsReceived { get; init; }

    public long PacketsLost { get; init; }

    public required RejectReport PacketsRejected { get; init; }

    public long PlayedMs { get; init; }

    public long ConcealedMs { get; init; }

    public long FecMs { get; init; }

    public long Underruns { get; init; }

    /// <summary>Mean playout offset from the controller clock's nominal instant (SR mapping + the base jitter delay), ms.</summary>
    public double SkewMs { get; init; }

    public double BufferMs { get; init; }

    public long PlayedFromAttackerMs { get; init; }

    /// <summary>Datagrams sent by attacker clusters that reached this cluster (after its simulated link).</summary>
    public long AttackerPacketsReceived { get; init; }

    /// <summary>Attacker clusters only: what it sent, to whom.</summary>
    public Attack.AttackReport? Attack { get; init; }

    /// <summary>Gaps of at least 1 s in authentic media while playing.</summary>
    public long Outages { get; init; }

    /// <summary>The first 100 of those gaps with their times (link lost, link back, audio played again).</summary>
    public IReadOnlyList<OutageWindow> OutageWindows { get; init; } = [];

    /// <summary>Longest interval between two authentic media arrivals while playing, ms (20 on a clean link).</summary>
    public long LongestGapMs { get; init; }

    public long LinkDropped { get; init; }

    public string? Fault { get; init; }
}
