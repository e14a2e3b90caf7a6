using System.Text.Encodings.Web;
using Broadcast.Accounts.Authorization;
using Broadcast.Accounts.Sessions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Broadcast.Accounts.Authentication;

/// <summary>
/// Authenticates <c>Authorization: Bearer TOKEN</c> (CLI) or the <c>bcast_session</c> cookie (console) against the
/// session store. A request with neither is anonymous; one with a dead token gets a 401 that says why.
/// </summary>
internal sealed class SessionAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    SessionService sessions) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? token = null;
        var kind = SessionKind.Bearer;
        var header = Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            token = header["Bearer ".Length..].Trim();
        }
        else if (Request.Cookies.TryGetValue(AccountsDefaults.CookieName, out var cookie) && !string.IsNullOrEmpty(cookie))
        {
            token = cookie;
            kind = SessionKind.Cookie;
        }

        if (string.IsNullOrEmpty(token))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var check = sessions.Authenticate(token, kind);
        if (check.Session is null || check.User is null)
        {
            return Task.FromResult(AuthenticateResult.Fail(check.Failure ?? "unknown session"));
        }

        Context.Features.Set(new SessionFeature(token, check.Session, check.User));
        var principal = AccountsClaims.Principal(check.User, kind, Scheme.Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync().ConfigureAwait(false);
        Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
        var why = result.Failure?.Message ?? "no session: log in first (POST /api/auth/login)";
        await AccessProblems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "not-authenticated", why).ConfigureAwait(false);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        AccessProblems.WriteAsync(Context, StatusCodes.Status403Forbidden, "forbidden", "this account may not do that");
}
