namespace Broadcast.Accounts.Users;

/// <summary>A stored user. <see cref="Name"/> is the unique login name (lower case, NFC).</summary>
internal sealed record UserAccount
{
    public required long Id { get; init; }

    public required string Name { get; init; }

    public string DisplayName { get; init; } = string.Empty;

    /// <summary>A <c>PasswordHasher</c> V3 hash (PBKDF2, salted); never the password.</summary>
    public required string PasswordHash { get; init; }

    public required IReadOnlyList<Role> Roles { get; init; }

    /// <summary>Commune ids (topology ids) for <see cref="Role.CommuneEditor"/> and a commune-scoped <see cref="Role.Approver"/>.</summary>
    public IReadOnlyList<string> Communes { get; init; } = [];

    public ApproverScope ApproverScope { get; init; } = ApproverScope.District;

    /// <summary>May start emergency broadcasts (only meaningful with <see cref="Role.DistrictOperator"/> or <see cref="Role.Admin"/>).</summary>
    public bool EmergencyPermission { get; init; }

    public bool Disabled { get; init; }

    /// <summary>Must change the password before anything else (a generated one-time password).</summary>
    public bool MustChangePassword { get; init; }

    /// <summary>Consecutive failed logins since the last success or lockout.</summary>
    public int FailedLogins { get; init; }

    public DateTimeOffset? LockedUntil { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? LastLoginAt { get; init; }

    public bool Has(Role role) => Roles.Contains(role);
}
