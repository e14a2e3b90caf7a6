using System.Text;
using Broadcast.Topology;

namespace Broadcast.Controller.Topology;

/// <summary>Lookups over the loaded district: clusters by id, and target expressions to cluster ids.</summary>
internal sealed class TopologyIndex
{
    private readonly Dictionary<string, ClusterPlacement> _clusters = new(StringComparer.Ordinal);

    public TopologyIndex(DistrictTopology topology, string source)
    {
        ArgumentNullException.ThrowIfNull(topology);
        Topology = topology;
        Source = source;
        foreach (var placement in topology.Clusters)
        {
            _clusters[placement.Cluster.Id] = placement;
        }
    }

    public DistrictTopology Topology { get; }

    /// <summary>The file the topology came from, for messages.</summary>
    public string Source { get; }

    public string District => Topology.District.Id;

    public IReadOnlyCollection<ClusterPlacement> Clusters => _clusters.Values;

    public ClusterPlacement? FindCluster(string id) => _clusters.GetValueOrDefault(id);

    /// <summary>The distinct commune names of these clusters, in topology order (unknown ids are skipped).</summary>
    public IReadOnlyList<string> CommunesOf(IEnumerable<string> clusterIds)
    {
        var wanted = new HashSet<string>(clusterIds.Select(id => FindCluster(id)?.Commune.Id).OfType<string>(), StringComparer.Ordinal);
        return [.. Topology.Communes.Where(c => wanted.Contains(c.Id)).Select(c => c.Name)];
    }

    /// <summary>The commune with this id, code or name (any Unicode normal form), or null.</summary>
    public Commune? FindCommune(string idCodeOrName)
    {
        var name = Normalize(idCodeOrName);
        return Topology.Communes.FirstOrDefault(c => Same(c.Id, name) || Same(c.Code, name) || Same(c.Name, name));
    }

    /// <summary>
    /// Resolves <c>all</c>, <c>commune:ID|CODE|NAME</c>, <c>hamlet:ID|NAME</c>, <c>cluster:ID</c>, or several of them
    /// separated by commas, to distinct cluster ids in topology order.
    /// </summary>
    public TargetResolution Resolve(string? target)
    {
        if (string.IsNullOrWhiteSpace(target))
        {
            return TargetResolution.Fail("no target given: use all, commune:NAME, hamlet:NAME or cluster:ID");
        }

        var ids = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in target.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var clusters = ResolveOne(part, out var error);
            if (clusters is null)
            {
                return TargetResolution.Fail(error!);
            }

            foreach (var id in clusters)
            {
                if (seen.Add(id))
                {
                    ids.Add(id);
                }
            }
        }

        return ids.Count == 0 ? TargetResolution.Fail($"target '{target}' holds no clusters") : TargetResolution.Ok(ids);
    }

    private IEnumerable<string>? ResolveOne(string part, out string? error)
    {
        error = null;
        if (part.Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            return Topology.Clusters.Select(p => p.Cluster.Id);
        }

        var colon = part.IndexOf(':', StringComparison.Ordinal);
        var kind = colon < 0 ? string.Empty : part[..colon].Trim().ToUpperInvariant();
        var name = colon < 0 ? string.Empty : Normalize(part[(colon + 1)..]);
        switch (kind)
        {
            case "COMMUNE":
                var communes = Topology.Communes.Where(c => Same(c.Id, name) || Same(c.Code, name) || Same(c.Name, name)).ToList();
                if (communes.Count == 1)
                {
                    return communes[0].Hamlets.SelectMany(h => h.Clusters).Select(k => k.Id);
                }

                error = communes.Count == 0
                    ? $"unknown target '{part}': no commune with that id, code or name in {Source}"
                    : $"ambiguous target '{part}': {communes.Count} communes match; use the commune id";
                return null;
            case "HAMLET":
                var hamlets = Topology.Communes.SelectMany(c => c.Hamlets).Where(h => Same(h.Id, name) || Same(h.Name, name)).ToList();
                if (hamlets.Count == 1)
                {
                    return hamlets[0].Clusters.Select(k => k.Id);
                }

                error = hamlets.Count == 0
                    ? $"unknown target '{part}': no hamlet with that id or name in {Source}"
                    : $"ambiguous target '{part}': {hamlets.Count} hamlets have that name; use the hamlet id";
                return null;
            case "CLUSTER":
                var cluster = _clusters.Keys.FirstOrDefault(id => Same(id, name));
                if (cluster is not null)
                {
                    return [cluster];
                }

                error = $"unknown target '{part}': no cluster with that id in {Source}";
                return null;
            default:
                error = $"unknown target '{part}': use all, commune:NAME, hamlet:NAME or cluster:ID";
                return null;
        }
    }

    private static bool Same(string a, string b) => string.Equals(Normalize(a), b, StringComparison.OrdinalIgnoreCase);

    // Names arrive from shells and browsers in NFC or NFD; "Thị trấn" must match either way.
    private static string Normalize(string s) => s.Trim().Normalize(NormalizationForm.FormC);
}
