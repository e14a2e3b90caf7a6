namespace Broadcast.Accounts.Authentication;

/// <summary>Names the console and the CLI rely on (docs/accounts.md); changing one breaks them.</summary>
public static class AccountsDefaults
{
    /// <summary>The authentication scheme.</summary>
    public const string Scheme = "BcastSession";

    /// <summary>HttpOnly, SameSite=Strict cookie that carries a console session's token.</summary>
    public const string CookieName = "bcast_session";

    /// <summary>Header that cookie-authenticated POST/PUT/PATCH/DELETE requests must carry (the value from login).</summary>
    public const string CsrfHeader = "X-Bcast-Csrf";
}
