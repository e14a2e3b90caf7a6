namespace Broadcast.Accounts.Sessions;

/// <summary>How a session's token travels; a token is accepted only on its own transport.</summary>
public enum SessionKind
{
    /// <summary><c>Authorization: Bearer TOKEN</c> (the CLI, scripts).</summary>
    Bearer,

    /// <summary>The HttpOnly <c>bcast_session</c> cookie (the web console); unsafe methods also need the CSRF header.</summary>
    Cookie,
}
