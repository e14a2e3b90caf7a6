using Broadcast.Accounts.Authorization;
using Broadcast.Accounts.Management;
using Broadcast.Accounts.Sessions;
using Broadcast.Accounts.Users;

namespace Broadcast.Server.Api;

/// <summary>Body of <c>POST /api/auth/login</c>: <c>mode</c> is <c>bearer</c> (default: token in the answer) or <c>cookie</c> (the console: HttpOnly cookie, token never shown to scripts).</summary>
public sealed record LoginBody(string? User, string? Password, string? Mode);

/// <summary>Body of <c>POST /api/auth/password</c>.</summary>
public sealed record ChangePasswordBody(string? CurrentPassword, string? NewPassword);

/// <summary>
/// Answer of a successful login. <c>token</c> is null for cookie sessions; <c>csrf</c> is set only for them and must
/// be echoed in <c>X-Bcast-Csrf</c> on every POST/PUT/PATCH/DELETE.
/// </summary>
public sealed record LoginView(string? Token, string TokenType, DateTimeOffset ExpiresAt, string? Csrf, bool MustChangePassword, MeView User);

/// <summary>A commune as accounts show it.</summary>
public sealed record CommuneRef(string Id, string Name);

/// <summary>
/// <c>GET /api/auth/me</c>: who is signed in, what they may do (permission name to <c>district</c> or
/// <c>commune</c>), and the session (its <c>csrf</c> value again for a console that reloaded).
/// </summary>
public sealed record MeView(
    string Name,
    string DisplayName,
    IReadOnlyList<Role> Roles,
    IReadOnlyList<CommuneRef> Communes,
    ApproverScope? ApproverScope,
    bool EmergencyPermission,
    bool MustChangePassword,
    IReadOnlyDictionary<Permission, string> Permissions,
    SessionView? Session);

/// <summary>The current session.</summary>
public sealed record SessionView(SessionKind Kind, DateTimeOffset ExpiresAt, string? Csrf);

/// <summary>An account as administrators see it.</summary>
public sealed record AccountView(
    string Name,
    string DisplayName,
    IReadOnlyList<Role> Roles,
    IReadOnlyList<CommuneRef> Communes,
    ApproverScope? ApproverScope,
    bool EmergencyPermission,
    bool Disabled,
    bool MustChangePassword,
    DateTimeOffset? LockedUntil,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastLoginAt);

/// <summary>An account with the one-time password an administrator must pass on (shown only in this answer).</summary>
public sealed record AccountWithPasswordView(AccountView Account, string? OneTimePassword);

/// <summary>
/// Body of <c>POST /api/accounts</c> and <c>PUT /api/accounts/{name}</c> (where a missing field keeps its value).
/// Roles: Admin, DistrictOperator, CommuneEditor, Approver, Technician, Viewer. Communes by id, code or name.
/// <c>mustChangePassword</c> (create only) defaults to true; a generated password always must be changed.
/// </summary>
public sealed record AccountBody(
    string? Name,
    string? DisplayName,
    string? Password,
    IReadOnlyList<string>? Roles,
    IReadOnlyList<string>? Communes,
    string? ApproverScope,
    bool? EmergencyPermission,
    bool? MustChangePassword = null)
{
    /// <summary>The spec, or why the body's words are not roles or scopes.</summary>
    public AccountSpec? ToSpec(out string? problem)
    {
        problem = null;
        var roles = new List<Role>();
        foreach (var text in Roles ?? [])
        {
            if (!Enum.TryParse<Role>(text, ignoreCase: true, out var role) || !Enum.IsDefined(role) || int.TryParse(text, out _))
            {
                problem = $"roles: unknown role '{text}': use {string.Join(", ", Enum.GetNames<Role>())}";
                return null;
            }

            roles.Add(role);
        }

        ApproverScope? scope = null;
        if (ApproverScope is not null)
        {
            if (!Enum.TryParse<ApproverScope>(ApproverScope, ignoreCase: true, out var s) || !Enum.IsDefined(s) || int.TryParse(ApproverScope, out _))
            {
                problem = $"approverScope: '{ApproverScope}' is not district or commune";
                return null;
            }

            scope = s;
        }

        return new AccountSpec(DisplayName, Roles is null ? null : roles, Communes, scope, EmergencyPermission);
    }
}

/// <summary>Body of <c>POST /api/accounts/{name}/password</c>: a password to set, or none to generate a one-time one.</summary>
public sealed record ResetPasswordBody(string? Password);
