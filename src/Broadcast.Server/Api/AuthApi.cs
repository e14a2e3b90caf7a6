using System.Globalization;
using Broadcast.Accounts.Authentication;
using Broadcast.Accounts.Hosting;
using Broadcast.Accounts.Login;
using Broadcast.Accounts.Management;
using Broadcast.Accounts.Sessions;
using Broadcast.Audit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Broadcast.Server.Api;

/// <summary>
/// Sign-in: <c>POST /api/auth/login</c>, <c>POST /api/auth/logout</c>, <c>GET /api/auth/me</c>,
/// <c>POST /api/auth/password</c>. Who may call them is in the central permission table, like every route.
/// </summary>
internal static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Auth");
        group.MapPost("/login", Login).AllowAnonymous();
        group.MapPost("/logout", Logout);
        group.MapGet("/me", Me);
        group.MapPost("/password", ChangePassword);
        return app;
    }

    private static Results<Ok<LoginView>, ProblemHttpResult> Login(LoginBody body, LoginService login, AccountManager accounts, HttpContext context)
    {
        SessionKind kind;
        switch (body.Mode?.Trim().ToUpperInvariant())
        {
            case null or "" or "BEARER":
                kind = SessionKind.Bearer;
                break;
            case "COOKIE":
                kind = SessionKind.Cookie;
                break;
            default:
                return Problem(StatusCodes.Status400BadRequest, "bad-mode", $"mode '{body.Mode}': use bearer (CLI, scripts) or cookie (the console)");
        }

        var outcome = login.Login(body.User, body.Password, kind, Client(context));
        if (!outcome.IsOk)
        {
            return Refused(outcome, context);
        }

        var session = outcome.Session!;
        if (kind == SessionKind.Cookie)
        {
            context.Response.Cookies.Append(AccountsDefaults.CookieName, session.Token, CookieOptions(context));
        }

        var me = outcome.User!.ToMe(accounts, new SessionView(kind, session.ExpiresAt, session.Csrf));
        return TypedResults.Ok(new LoginView(
            kind == SessionKind.Bearer ? session.Token : null, "Bearer", session.ExpiresAt, session.Csrf, outcome.User!.MustChangePassword, me));
    }

    private static NoContent Logout(HttpContext context, SessionService sessions, AccountsAudit audit, bool? all)
    {
        var session = context.Features.Get<SessionFeature>();
        if (session is not null)
        {
            var ended = all == true ? sessions.EndAll(session.User.Id) : sessions.End(session.Token) ? 1 : 0;
            audit.Record(session.User.Name, AccountAuditActions.Logout, session.User.Name, "ok",
                string.Create(CultureInfo.InvariantCulture, $"{ended} session(s) ended, from {Client(context)}"));
        }

        context.Response.Cookies.Delete(AccountsDefaults.CookieName, CookieOptions(context));
        return TypedResults.NoContent();
    }

    private static Results<Ok<MeView>, ProblemHttpResult> Me(HttpContext context, AccountManager accounts) =>
        context.Features.Get<SessionFeature>() is { } s
            ? TypedResults.Ok(s.User.ToMe(accounts, new SessionView(s.Session.Kind, s.Session.ExpiresAt, s.Session.Csrf)))
            : Problem(StatusCodes.Status401Unauthorized, "not-authenticated", "no session: log in first (POST /api/auth/login)");

    private static Results<NoContent, ProblemHttpResult> ChangePassword(ChangePasswordBody body, HttpContext context, LoginService login)
    {
        if (context.Features.Get<SessionFeature>() is not { } s)
        {
            return Problem(StatusCodes.Status401Unauthorized, "not-authenticated", "no session: log in first (POST /api/auth/login)");
        }

        var outcome = login.ChangePassword(s.User.Id, s.Token, body.CurrentPassword, body.NewPassword, Client(context));
        return outcome.Status switch
        {
            LoginStatus.Ok => TypedResults.NoContent(),
            // 403, not 401: the session is fine, only the proof is wrong; a 401 would make the console log out.
            LoginStatus.WrongCredentials => Problem(StatusCodes.Status403Forbidden, "wrong-password", outcome.Message),
            _ => Refused(outcome, context),
        };
    }

    private static ProblemHttpResult Refused(LoginOutcome outcome, HttpContext context)
    {
        if (outcome.LockedUntil is { } until)
        {
            var seconds = Math.Max(1, (long)Math.Ceiling((until - context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow()).TotalSeconds));
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        return outcome.Status switch
        {
            LoginStatus.BadRequest => Problem(StatusCodes.Status400BadRequest, "bad-request", outcome.Message),
            LoginStatus.LockedOut => Problem(StatusCodes.Status429TooManyRequests, "locked", outcome.Message),
            LoginStatus.Disabled => Problem(StatusCodes.Status403Forbidden, "disabled", outcome.Message),
            _ => Problem(StatusCodes.Status401Unauthorized, "wrong-credentials", outcome.Message),
        };
    }

    private static CookieOptions CookieOptions(HttpContext context) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = context.Request.IsHttps,
        Path = "/",
        // A browser-session cookie: closing the browser on a shared office PC ends it; the server's expiry still applies.
        IsEssential = true,
    };

    private static string Client(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown address";

    private static ProblemHttpResult Problem(int status, string code, string detail) =>
        TypedResults.Problem(detail, statusCode: status, extensions: new Dictionary<string, object?> { ["code"] = code });
}
