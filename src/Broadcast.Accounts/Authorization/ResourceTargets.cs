using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Broadcast.Accounts.Authorization;

/// <summary>
/// Says what an existing resource targets (a broadcast's target expression, a programme's <c>commune:…</c>), so the
/// central check can hold commune-scoped users to their communes on routes that carry only an id. Return null when
/// the resource does not exist: the request then goes on and the handler answers 404.
/// </summary>
public delegate ValueTask<string?> ResourceTargetLookup(IServiceProvider services, RouteValueDictionary routeValues, CancellationToken cancellationToken);

/// <summary>A lookup for the routes under <see cref="Pattern"/> (normalised as in <see cref="PermissionTable"/>).</summary>
public sealed record ResourceTargetRegistration(string Pattern, ResourceTargetLookup Lookup);

/// <summary>The registered lookups; the longest matching pattern wins.</summary>
internal sealed class ResourceTargets(IEnumerable<ResourceTargetRegistration> registrations)
{
    private readonly ResourceTargetRegistration[] _all = [.. registrations.OrderByDescending(r => r.Pattern.Length)];

    /// <summary>Whether a lookup covers <paramref name="normalizedPattern"/>, and the resource's target (null: no such resource).</summary>
    public async ValueTask<(bool Registered, string? Target)> ResolveAsync(HttpContext context, string normalizedPattern)
    {
        foreach (var registration in _all)
        {
            if (normalizedPattern == registration.Pattern || normalizedPattern.StartsWith(registration.Pattern + "/", StringComparison.Ordinal))
            {
                return (true, await registration.Lookup(context.RequestServices, context.Request.RouteValues, context.RequestAborted).ConfigureAwait(false));
            }
        }

        return (false, null);
    }
}
