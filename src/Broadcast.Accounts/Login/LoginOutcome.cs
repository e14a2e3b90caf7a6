using Broadcast.Accounts.Sessions;
using Broadcast.Accounts.Users;

namespace Broadcast.Accounts.Login;

/// <summary>How a login or a password change ended.</summary>
internal enum LoginStatus
{
    Ok,

    /// <summary>A field is missing or the new password breaks the policy (400).</summary>
    BadRequest,

    /// <summary>Unknown user or wrong password; deliberately not told apart (401).</summary>
    WrongCredentials,

    /// <summary>Too many failures: refused until <see cref="LoginOutcome.LockedUntil"/> (429).</summary>
    LockedOut,

    /// <summary>Right password, disabled account (403).</summary>
    Disabled,
}

/// <summary>Result of <see cref="LoginService.Login"/> and <see cref="LoginService.ChangePassword"/>.</summary>
internal sealed record LoginOutcome(LoginStatus Status, string Message, UserAccount? User = null, IssuedSession? Session = null, DateTimeOffset? LockedUntil = null)
{
    public bool IsOk => Status == LoginStatus.Ok;
}
