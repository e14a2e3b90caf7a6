using Broadcast.Accounts.Authentication;
using Broadcast.Accounts.Hosting;
using Broadcast.Accounts.Sessions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Broadcast.Accounts.Authorization;

/// <summary>
/// The central authorisation step, after routing and authentication, for every endpoint whatever its file: the
/// route's rule in <see cref="PermissionTable"/> (none: 403 naming the missing rule), a session unless the rule is
/// anonymous, the CSRF header on cookie sessions, the must-change-password fence, the role grant, then the scope and
/// priority checks of <see cref="RequestScopeGate"/>. Handlers need no attribute and no edit.
/// </summary>
internal sealed class PermissionMiddleware(RequestDelegate next, IOptions<AccountsOptions> options, RequestScopeGate gate)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!options.Value.Enabled || context.GetEndpoint() is not RouteEndpoint endpoint)
        {
            // No route endpoint: routing found nothing (404), or only the framework's own 405/415 answer (a route that
            // exists for another method or content type). No handler runs; the fallback policy still wants a session.
            await next(context).ConfigureAwait(false);
            return;
        }

        var method = context.Request.Method;
        var routePattern = endpoint.RoutePattern;
        var pattern = PermissionTable.Normalize(routePattern);
        var rule = PermissionTable.Match(method, pattern);
        if (rule is null)
        {
            await AccessProblems.WriteAsync(context, StatusCodes.Status403Forbidden, "no-rule",
                $"no authorisation rule for {method} {routePattern.RawText}: every API route needs one in src/Broadcast.Accounts/Authorization/PermissionTable.cs (refused until then)").ConfigureAwait(false);
            return;
        }

        if (rule.Permission == Permission.Anonymous)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var user = new CurrentUser(context.User, unrestricted: false);
        if (!user.IsAuthenticated)
        {
            await context.ChallengeAsync(AccountsDefaults.Scheme).ConfigureAwait(false);
            return;
        }

        if (IsUnsafe(method) && context.Features.Get<SessionFeature>() is { Session.Kind: SessionKind.Cookie } cookie
            && !SessionTokens.SameCsrf(cookie.Session.Csrf, context.Request.Headers[AccountsDefaults.CsrfHeader].ToString()))
        {
            await AccessProblems.WriteAsync(context, StatusCodes.Status403Forbidden, "csrf",
                $"a cookie session must send the {AccountsDefaults.CsrfHeader} header with the value from login (or GET /api/auth/me) on {method}").ConfigureAwait(false);
            return;
        }

        if (user.MustChangePassword && rule.Permission != Permission.Self)
        {
            await AccessProblems.WriteAsync(context, StatusCodes.Status403Forbidden, "password-change-required",
                $"{user.Name} must change the one-time password first: POST /api/auth/password (CLI: ./bcast password)").ConfigureAwait(false);
            return;
        }

        var grant = RoleGrants.For(user, rule.Permission);
        if (!grant.Allowed)
        {
            var roles = user.Roles.Count == 0 ? "no role" : "role " + string.Join('+', user.Roles);
            await AccessProblems.WriteAsync(context, StatusCodes.Status403Forbidden, "forbidden",
                $"{user.Name} ({roles}) may not {method} {routePattern.RawText}: it needs the {rule.Permission} permission, held by {string.Join(", ", RoleGrants.Holders(rule.Permission))}").ConfigureAwait(false);
            return;
        }

        var decision = await gate.CheckAsync(context, rule, pattern, user, grant).ConfigureAwait(false);
        if (!decision.Allowed)
        {
            await AccessProblems.WriteAsync(context, decision.StatusCode, decision.Code, decision.Reason ?? "refused").ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    }

    private static bool IsUnsafe(string method) =>
        !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method));
}
