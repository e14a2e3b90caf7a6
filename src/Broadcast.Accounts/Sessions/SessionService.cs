using Broadcast.Accounts.Hosting;
using Broadcast.Accounts.Storage;
using Broadcast.Accounts.Users;
using Microsoft.Extensions.Options;

namespace Broadcast.Accounts.Sessions;

/// <summary>
/// Issues, checks, slides and ends sessions. Every check reads the store, so a logout, a disabled account or a
/// password reset takes effect on the very next request.
/// </summary>
internal sealed class SessionService(SessionStore sessions, UserStore users, IOptions<AccountsOptions> options, TimeProvider time)
{
    // Sliding writes at most once a minute per session: a busy console does not turn every GET into a disk write.
    private static readonly TimeSpan SlideGranularity = TimeSpan.FromMinutes(1);

    public IssuedSession Issue(UserAccount user, SessionKind kind)
    {
        ArgumentNullException.ThrowIfNull(user);
        var now = time.GetUtcNow();
        sessions.DeleteExpired(now);
        var token = SessionTokens.NewToken();
        var csrf = kind == SessionKind.Cookie ? SessionTokens.NewCsrf() : null;
        var expires = now + options.Value.SessionLifetime;
        sessions.Insert(new StoredSession(SessionTokens.Hash(token), user.Id, kind, csrf, now, expires, now));
        return new IssuedSession(token, kind, csrf, expires);
    }

    /// <summary>The live session and its user for <paramref name="token"/> presented on <paramref name="transport"/>, or why not.</summary>
    public SessionCheck Authenticate(string token, SessionKind transport)
    {
        var hash = SessionTokens.Hash(token);
        var session = sessions.Find(hash);
        if (session is null || session.Kind != transport)
        {
            return SessionCheck.Fail("unknown or ended session: log in again");
        }

        var now = time.GetUtcNow();
        if (session.ExpiresAt <= now)
        {
            sessions.Delete(hash);
            return SessionCheck.Fail($"the session expired at {session.ExpiresAt:u}: log in again");
        }

        var user = users.FindById(session.UserId);
        if (user is null || user.Disabled)
        {
            sessions.Delete(hash);
            return SessionCheck.Fail("the account is disabled: ask an administrator");
        }

        if (now - session.LastUsedAt >= SlideGranularity)
        {
            var cap = session.CreatedAt + options.Value.SessionMaxLifetime;
            var expires = now + options.Value.SessionLifetime;
            session = session with { ExpiresAt = expires < cap ? expires : cap, LastUsedAt = now };
            sessions.Touch(hash, session.ExpiresAt, now);
        }

        return new SessionCheck(session, user, null);
    }

    public bool End(string token) => sessions.Delete(SessionTokens.Hash(token));

    /// <summary>Ends every session of the user except the one holding <paramref name="keepToken"/>.</summary>
    public int EndAll(long userId, string? keepToken = null) =>
        sessions.DeleteForUser(userId, keepToken is null ? null : SessionTokens.Hash(keepToken));
}

/// <summary>A new session: the token goes to the client once and is never shown again.</summary>
public sealed record IssuedSession(string Token, SessionKind Kind, string? Csrf, DateTimeOffset ExpiresAt);

/// <summary>Result of <see cref="SessionService.Authenticate"/>.</summary>
internal sealed record SessionCheck(StoredSession? Session, UserAccount? User, string? Failure)
{
    public static SessionCheck Fail(string why) => new(null, null, why);
}
