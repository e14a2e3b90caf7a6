using System.Text;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Broadcast.Accounts.Authorization;

/// <summary>
/// The central authorisation table: every API route needs a rule here or it is refused with 403 (fail closed), so a
/// new endpoint cannot go out unprotected by forgetting an attribute. An exact rule beats a prefix rule; among prefix
/// rules the longest wins. Role holders of each permission: <see cref="RoleGrants"/>; the matrix: docs/accounts.md.
/// </summary>
public static class PermissionTable
{
    private const string Unsafe = "POST,PUT,PATCH,DELETE";
    private const ScopeSources TargetAndPriority = ScopeSources.BodyTarget | ScopeSources.BodyPriority;
    private const ScopeSources Creation = TargetAndPriority | ScopeSources.PriorityRequired;

    /// <summary>Every rule, in the order docs/accounts.md lists them.</summary>
    public static IReadOnlyList<PermissionRule> Rules { get; } =
    [
        // Signing in, and the API's own description (harmless: routes and shapes, no data).
        new("POST", "/api/auth/login", false, Permission.Anonymous),
        new("POST", "/api/auth/logout", false, Permission.Self),
        new("POST", "/api/auth/password", false, Permission.Self),
        new("GET", "/api/auth/me", false, Permission.SignedIn),
        new("GET", "/openapi/{}.json", false, Permission.Anonymous),
        new("GET", "/api/reference", true, Permission.Anonymous),

        new("*", "/api/accounts", true, Permission.AccountsManage),

        new("GET", "/api/endpoints", true, Permission.Read),
        new("GET", "/api/broadcasts", true, Permission.Read),
        new("GET", "/api/metrics", true, Permission.Read),
        new("GET", "/api/programmes", true, Permission.Read),
        new("GET", "/api/schedules", true, Permission.Read),
        new("GET", "/api/slots", true, Permission.Read),
        new("GET", "/api/queue", true, Permission.Read),
        new("GET", "/api/volume", true, Permission.Read),
        new("GET", "/api/events", true, Permission.Read),
        new("GET", "/api/bulletins", true, Permission.Read),
        new("GET", "/api/alerts", true, Permission.Read),
        new("GET", "/api/audit", true, Permission.AuditRead, ScopeSources.AuditCommune),
        new("GET", "/api/audit.csv", false, Permission.AuditRead, ScopeSources.AuditCommune),

        new(Unsafe, "/api/endpoints", true, Permission.EndpointsManage),

        new("POST", "/api/broadcasts", false, Permission.Broadcast, Creation),
        new(Unsafe, "/api/broadcasts/{}", true, Permission.Broadcast, ScopeSources.Resource | ScopeSources.BodyPriority),

        new("POST", "/api/schedules", false, Permission.Schedule, Creation),
        new(Unsafe, "/api/schedules/{}", true, Permission.Schedule, TargetAndPriority | ScopeSources.Resource),

        new("POST", "/api/queue", false, Permission.Queue, Creation),
        new(Unsafe, "/api/queue", true, Permission.Queue, TargetAndPriority | ScopeSources.Resource),

        new("POST,PUT", "/api/volume", true, Permission.Volume, ScopeSources.BodyTarget),

        // Multipart upload: the library checks its commune field with ITargetScopeChecker.CheckCommune.
        new("POST", "/api/programmes", false, Permission.ProgrammeUpload, ScopeSources.Handler),
        new("POST", "/api/programmes/{}/approve", false, Permission.ProgrammeApprove, ScopeSources.Resource),
        new("POST", "/api/programmes/{}/reject", false, Permission.ProgrammeApprove, ScopeSources.Resource),
        new(Unsafe, "/api/programmes/{}", true, Permission.ProgrammeManage, ScopeSources.Resource),

        // Bulletins: the workflow checks the commune of a new item itself; an existing item's commune comes from the
        // lookup registered for /api/bulletins/{}. Approval scope and the four-eyes rule are the library's.
        new("POST", "/api/bulletins", false, Permission.ProgrammeUpload, ScopeSources.Handler),
        new("POST", "/api/bulletins/tts", false, Permission.ProgrammeUpload, ScopeSources.Handler),
        new("POST", "/api/tts", false, Permission.ProgrammeUpload, ScopeSources.Handler),
        new("POST", "/api/bulletins/{}/approve", false, Permission.ProgrammeApprove, ScopeSources.Resource),
        new("POST", "/api/bulletins/{}/reject", false, Permission.ProgrammeApprove, ScopeSources.Resource),
        new("POST", "/api/bulletins/{}/review", false, Permission.ProgrammeApprove, ScopeSources.Resource),
        new(Unsafe, "/api/bulletins/{}", true, Permission.ProgrammeManage, ScopeSources.Resource),

        new("POST", "/api/alerts/{}/ack", false, Permission.AlertsAcknowledge),
    ];

    /// <summary>The rule for a request, or null when none covers it (the request is then refused).</summary>
    public static PermissionRule? Match(string method, RoutePattern pattern) => Match(method, Normalize(pattern));

    public static PermissionRule? Match(string method, string normalizedPattern)
    {
        PermissionRule? best = null;
        var bestScore = -1;
        foreach (var rule in Rules)
        {
            if (!rule.AllowsMethod(method))
            {
                continue;
            }

            int score;
            if (normalizedPattern == rule.Pattern)
            {
                score = rule.Prefix ? (rule.Pattern.Length * 4) + 2 : int.MaxValue - 1;
            }
            else if (rule.Prefix && normalizedPattern.StartsWith(rule.Pattern + "/", StringComparison.Ordinal))
            {
                score = rule.Pattern.Length * 4;
            }
            else
            {
                continue;
            }

            // Same pattern for "*" and a named method: the named one is more specific.
            score += rule.Methods == "*" ? 0 : 1;
            if (score > bestScore)
            {
                best = rule;
                bestScore = score;
            }
        }

        return best;
    }

    /// <summary>
    /// A route pattern as the table writes it: <c>/api/broadcasts/{id:long}/</c> becomes <c>/api/broadcasts/{}</c>.
    /// Built from the parsed segments, so constraints holding braces or slashes cannot confuse it.
    /// </summary>
    public static string Normalize(RoutePattern pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var text = new StringBuilder();
        foreach (var segment in pattern.PathSegments)
        {
            text.Append('/');
            foreach (var part in segment.Parts)
            {
                text.Append(part switch
                {
                    RoutePatternLiteralPart literal => literal.Content.ToLowerInvariant(),
                    RoutePatternSeparatorPart separator => separator.Content,
                    _ => "{}",
                });
            }
        }

        return text.Length == 0 ? "/" : text.ToString();
    }
}
