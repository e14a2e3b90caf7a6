using System.Text.Json.Serialization;

namespace Broadcast.Topology;

/// <summary>
/// A district's loudspeaker network: district -> communes -> hamlets -> clusters (endpoints). Loaded from a JSON
/// file such as <c>config/district.bat-xat.json</c> by <see cref="TopologyLoader"/>, which validates it.
/// </summary>
public sealed record DistrictTopology
{
    public required int FormatVersion { get; init; }

    public required DistrictInfo District { get; init; }

    public required IReadOnlyList<Commune> Communes { get; init; }

    /// <summary>Every cluster with its commune and hamlet, in file order.</summary>
    [JsonIgnore]
    public IEnumerable<ClusterPlacement> Clusters =>
        Communes.SelectMany(c => c.Hamlets.SelectMany(h => h.Clusters.Select(k => new ClusterPlacement(c, h, k))));
}

/// <summary>The district itself.</summary>
public sealed record DistrictInfo(string Id, string Name, string Province);

/// <summary>A commune (or the district town) with its hamlets.</summary>
public sealed record Commune
{
    public required string Id { get; init; }

    /// <summary>Short code used in cluster ids (BX-TT-01: district BX, commune TT).</summary>
    public required string Code { get; init; }

    public required string Name { get; init; }

    /// <summary>"commune" or "town".</summary>
    public string Kind { get; init; } = "commune";

    /// <summary>Clusters of this commune share a LAN segment and receive media by UDP multicast.</summary>
    public bool Multicast { get; init; }

    public required IReadOnlyList<Hamlet> Hamlets { get; init; }
}

/// <summary>A hamlet (thôn, bản, tổ dân phố) and its speaker clusters.</summary>
public sealed record Hamlet
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    /// <summary>One of the ~5% of hamlets with weak, unstable coverage: prefetch earlier, expect outages.</summary>
    public bool DeadZone { get; init; }

    public required IReadOnlyList<Cluster> Clusters { get; init; }
}

/// <summary>One IP loudspeaker cluster: the endpoint that holds a key and plays audio.</summary>
public sealed record Cluster
{
    public required string Id { get; init; }

    /// <summary>Address or CIDR the endpoint's key is bound to (10.20.3.15/32, 100.64.0.0/10 behind carrier NAT).</summary>
    public required string Bind { get; init; }

    /// <summary>How media reaches it: "udp" (unicast RTP) or "mqtt" (behind NAT/4G, media over the broker).</summary>
    public string Transport { get; init; } = "udp";
}

/// <summary>A cluster with the commune and hamlet it belongs to.</summary>
public sealed record ClusterPlacement(Commune Commune, Hamlet Hamlet, Cluster Cluster);
