using Broadcast.Accounts.Users;

namespace Broadcast.Accounts.Management;

/// <summary>What an administrator sets on an account; a null field keeps the current value (or the default on create).</summary>
public sealed record AccountSpec(
    string? DisplayName = null,
    IReadOnlyList<Role>? Roles = null,
    IReadOnlyList<string>? Communes = null,
    ApproverScope? ApproverScope = null,
    bool? EmergencyPermission = null);

/// <summary>How an account change ended.</summary>
public enum ManageStatus
{
    Ok,
    BadRequest,
    NotFound,

    /// <summary>The name is taken, or the change would leave no enabled administrator.</summary>
    Conflict,
}

/// <summary>Result of an <see cref="AccountManager"/> call; <see cref="OneTimePassword"/> is shown to the administrator once.</summary>
internal sealed record ManageOutcome(ManageStatus Status, string Message, UserAccount? User = null, string? OneTimePassword = null)
{
    public static ManageOutcome Bad(string message) => new(ManageStatus.BadRequest, message);

    public static ManageOutcome Missing(string name) => new(ManageStatus.NotFound, $"no account '{name}'; GET /api/accounts lists them");
}
