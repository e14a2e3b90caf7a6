using Broadcast.Accounts.Authorization;
using Broadcast.Controller.Topology;
using Broadcast.Topology;

namespace Broadcast.Accounts.Scope;

/// <summary>
/// Resolves targets with the controller's <see cref="TopologyIndex"/> (the same resolution the broadcast manager
/// uses, so the check and the broadcast agree on what "hamlet:Nậm Pung 2" means) and names the first part that lies
/// outside the user's communes.
/// </summary>
internal sealed class TargetScopeChecker(TopologyIndex topology) : ITargetScopeChecker
{
    public ScopeDecision Check(ICurrentUser user, string? targetExpression) => Check(user, targetExpression, Permission.Broadcast);

    public ScopeDecision Check(ICurrentUser user, string? targetExpression, Permission permission) =>
        Check(RoleGrants.For(user, permission), targetExpression, permission);

    public ScopeDecision CheckCommune(ICurrentUser user, string? commune, Permission permission) =>
        CheckCommune(RoleGrants.For(user, permission), commune, permission);

    internal ScopeDecision Check(Grant grant, string? target, Permission permission)
    {
        if (!grant.Allowed)
        {
            return ScopeDecision.Forbid("forbidden", $"this account does not hold the {permission} permission");
        }

        if (!grant.IsScoped)
        {
            return ScopeDecision.Allow;
        }

        var whole = topology.Resolve(target);
        if (!whole.IsOk)
        {
            return ScopeDecision.BadRequest("bad-target", whole.Error!);
        }

        foreach (var part in target!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var outside = topology.Resolve(part).ClusterIds
                .Select(topology.FindCluster)
                .OfType<ClusterPlacement>()
                .Where(p => !grant.Communes!.Contains(p.Commune.Id))
                .ToList();
            if (outside.Count > 0)
            {
                return ScopeDecision.Forbid("out-of-scope", $"{Who(grant)} cannot target {Describe(part, outside[0])}");
            }
        }

        return ScopeDecision.Allow;
    }

    internal ScopeDecision CheckCommune(Grant grant, string? commune, Permission permission)
    {
        if (!grant.Allowed)
        {
            return ScopeDecision.Forbid("forbidden", $"this account does not hold the {permission} permission");
        }

        if (!grant.IsScoped)
        {
            return ScopeDecision.Allow;
        }

        if (string.IsNullOrWhiteSpace(commune))
        {
            return ScopeDecision.Forbid("out-of-scope", $"{Who(grant)} must name the commune (one of {Names(grant)})");
        }

        var found = topology.FindCommune(commune);
        if (found is null)
        {
            return ScopeDecision.BadRequest("bad-commune", $"unknown commune '{commune}': no commune with that id, code or name in {topology.Source}");
        }

        return grant.Communes!.Contains(found.Id)
            ? ScopeDecision.Allow
            : ScopeDecision.Forbid("out-of-scope", $"{Who(grant)} cannot act for commune {found.Name}");
    }

    /// <summary>"commune editor of Y Tý" or "commune approver of A Lù, Y Tý".</summary>
    internal string Who(Grant grant) => $"{grant.ScopedAs} of {Names(grant)}";

    private string Names(Grant grant) =>
        string.Join(", ", topology.Topology.Communes.Where(c => grant.Communes!.Contains(c.Id)).Select(c => c.Name));

    private static string Describe(string part, ClusterPlacement first)
    {
        var colon = part.IndexOf(':', StringComparison.Ordinal);
        var kind = colon < 0 ? part.ToUpperInvariant() : part[..colon].Trim().ToUpperInvariant();
        return kind switch
        {
            "COMMUNE" => $"commune {first.Commune.Name}",
            "HAMLET" => $"hamlet {first.Hamlet.Name} of {first.Commune.Name}",
            "CLUSTER" => $"cluster {first.Cluster.Id} of {first.Commune.Name}",
            _ => "the whole district (all)",
        };
    }
}
