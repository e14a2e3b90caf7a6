using Broadcast.Accounts.Users;

namespace Broadcast.Accounts;

/// <summary>
/// The person behind the current request (a scoped service): for audit actor names and for commune-scope checks in
/// handlers (<see cref="Scope.ITargetScopeChecker"/>). Roles change take effect on the next request: this reads the
/// user row each time a session is checked, not a copy taken at login.
/// </summary>
public interface ICurrentUser
{
    /// <summary>A valid session came with the request.</summary>
    bool IsAuthenticated { get; }

    /// <summary>
    /// Accounts are switched off (<c>Accounts:Enabled=false</c>, accepted only in the Development environment): every
    /// check passes and <see cref="Name"/> is <c>local</c>.
    /// </summary>
    bool Unrestricted { get; }

    /// <summary>The login name, for the audit trail's actor; <c>local</c> when accounts are off, <c>anonymous</c> without a session.</summary>
    string Name { get; }

    string DisplayName { get; }

    IReadOnlyList<Role> Roles { get; }

    /// <summary>Topology ids of the communes a commune editor or commune approver acts for.</summary>
    IReadOnlyList<string> Communes { get; }

    ApproverScope ApproverScope { get; }

    /// <summary>The explicit emergency permission (issue 4: emergency broadcasts need it).</summary>
    bool HasEmergencyPermission { get; }

    /// <summary>Signed in with a one-time password that must be changed before anything else.</summary>
    bool MustChangePassword { get; }

    bool IsInRole(Role role);
}
