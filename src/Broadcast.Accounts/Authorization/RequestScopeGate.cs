using Broadcast.Accounts.Scope;
using Broadcast.Accounts.Users;
using Broadcast.Controller.Broadcasts;
using Microsoft.AspNetCore.Http;

namespace Broadcast.Accounts.Authorization;

/// <summary>
/// The part of the central check that looks inside a request: emergency priority needs the emergency permission;
/// a commune-scoped grant needs every target (JSON <c>target</c>, a route value named <c>target</c>, the resource's
/// own target) inside the user's communes and a priority no higher than commune. When nothing in the request shows
/// what it targets, a commune-scoped user is refused: the check fails closed.
/// </summary>
internal sealed class RequestScopeGate(TargetScopeChecker checker, ResourceTargets resources)
{
    public async Task<ScopeDecision> CheckAsync(HttpContext context, PermissionRule rule, string pattern, ICurrentUser user, Grant grant)
    {
        var scoped = grant.IsScoped;
        var wantsPriority = rule.Scope.HasFlag(ScopeSources.BodyPriority);
        var wantsTarget = scoped && rule.Scope.HasFlag(ScopeSources.BodyTarget);
        BodyFields body = new(null, null, null);
        if ((wantsPriority || wantsTarget) && context.Request.HasJsonContentType())
        {
            body = await RequestJson.ReadAsync(context.Request).ConfigureAwait(false);
            if (body.Error is not null)
            {
                return ScopeDecision.BadRequest("bad-body", body.Error);
            }
        }

        var priority = ParsePriority(body.Priority);
        if (wantsPriority && priority == BroadcastPriority.Emergency
            && !(user.HasEmergencyPermission && (user.IsInRole(Role.DistrictOperator) || user.IsInRole(Role.Admin))))
        {
            return ScopeDecision.Forbid(
                "emergency-permission",
                $"emergency priority needs the emergency permission, which an administrator grants to a DistrictOperator or Admin account; {user.Name} does not hold it");
        }

        if (!scoped)
        {
            return ScopeDecision.Allow;
        }

        var who = checker.Who(grant);
        if (wantsPriority)
        {
            if (body.Priority is null && rule.Scope.HasFlag(ScopeSources.PriorityRequired))
            {
                return ScopeDecision.Forbid("priority", $"{who} must give the priority (commune or background) in the JSON body");
            }

            if (body.Priority is not null && priority is null)
            {
                return ScopeDecision.BadRequest("bad-priority", $"unknown priority '{body.Priority}': use commune or background");
            }

            if (priority > BroadcastPriority.Commune)
            {
                return ScopeDecision.Forbid("priority", $"{who} broadcasts at commune or background priority, not {priority.Value.ToString().ToLowerInvariant()}");
            }
        }

        if (rule.Scope.HasFlag(ScopeSources.AuditCommune))
        {
            return CheckAuditCommunes(context, grant, rule.Permission, who);
        }

        if (rule.Scope.HasFlag(ScopeSources.Handler))
        {
            return ScopeDecision.Allow;
        }

        var targets = new List<string>();
        if (body.Target is not null)
        {
            targets.Add(body.Target);
        }

        if (context.Request.RouteValues.TryGetValue("target", out var routeTarget) && routeTarget is string t)
        {
            targets.Add(t);
        }

        if (rule.Scope.HasFlag(ScopeSources.Resource))
        {
            var (registered, resourceTarget) = await resources.ResolveAsync(context, pattern).ConfigureAwait(false);
            if (registered && resourceTarget is null)
            {
                // No such resource: the handler answers 404 and nothing happens.
                return ScopeDecision.Allow;
            }

            if (resourceTarget is not null)
            {
                targets.Add(resourceTarget);
            }
        }

        if (targets.Count == 0)
        {
            return ScopeDecision.Forbid(
                "out-of-scope",
                $"{who} may only act within those communes, and this request shows no target to check (give a JSON \"target\" field)");
        }

        foreach (var target in targets)
        {
            var decision = checker.Check(grant, target, rule.Permission);
            if (!decision.Allowed)
            {
                return decision;
            }
        }

        return ScopeDecision.Allow;
    }

    /// <summary>
    /// The priority as the broadcast API parses it (enum names, case-insensitive, including the comma form that ORs
    /// values: "commune,district" is emergency there too). Null when absent or not a priority.
    /// </summary>
    internal static BroadcastPriority? ParsePriority(string? text) =>
        text is not null && Enum.TryParse<BroadcastPriority>(text, ignoreCase: true, out var p) && Enum.IsDefined(p) ? p : null;

    private ScopeDecision CheckAuditCommunes(HttpContext context, Grant grant, Permission permission, string who)
    {
        var communes = context.Request.Query["commune"].Where(c => !string.IsNullOrWhiteSpace(c)).ToList();
        if (communes.Count == 0)
        {
            return ScopeDecision.Forbid("out-of-scope", $"{who} reads the audit trail of those communes only: add ?commune=NAME");
        }

        foreach (var commune in communes)
        {
            var decision = checker.CheckCommune(grant, commune, permission);
            if (!decision.Allowed)
            {
                return decision;
            }
        }

        return ScopeDecision.Allow;
    }
}
