using Broadcast.Accounts.Hosting;
using Broadcast.Accounts.Passwords;
using Broadcast.Accounts.Sessions;
using Broadcast.Accounts.Storage;
using Broadcast.Accounts.Users;
using Broadcast.Audit;
using Broadcast.Controller.Topology;
using Microsoft.Extensions.Options;

namespace Broadcast.Accounts.Management;

/// <summary>
/// User management for administrators: create, change roles, reset a password, disable, enable. There is no delete:
/// the audit trail names people, and a disabled account keeps those names meaningful. Every change is audited.
/// </summary>
internal sealed class AccountManager(
    UserStore users,
    SessionService sessions,
    AccountPasswordHasher hasher,
    TopologyIndex topology,
    IOptions<AccountsOptions> options,
    TimeProvider time,
    AccountsAudit audit)
{
    public IReadOnlyList<UserAccount> List() => users.List();

    public UserAccount? Find(string name) => users.FindByName(name);

    /// <summary>
    /// Creates an account; without <paramref name="password"/> a one-time password is generated. Either way the user
    /// must change it at first login unless <paramref name="mustChangePassword"/> is false (an administrator who set a
    /// password the user chose).
    /// </summary>
    public ManageOutcome Create(string actor, string? name, string? password, AccountSpec spec, bool mustChangePassword = true)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (UserNames.Problem(name) is { } nameProblem)
        {
            return ManageOutcome.Bad(nameProblem);
        }

        var generated = password is null ? OneTimePasswords.New() : null;
        var chosen = password ?? generated!;
        if (PasswordPolicy.Problem(chosen, UserNames.Normalize(name!), options.Value.MinPasswordLength) is { } passwordProblem)
        {
            return ManageOutcome.Bad("password: " + passwordProblem);
        }

        var draft = Apply(new UserAccount
        {
            Id = 0,
            Name = UserNames.Normalize(name!),
            PasswordHash = string.Empty,
            Roles = [],
            CreatedAt = time.GetUtcNow(),
            MustChangePassword = mustChangePassword || password is null,
        }, spec, out var problem);
        if (problem is not null)
        {
            return ManageOutcome.Bad(problem);
        }

        var created = users.Insert(draft! with { PasswordHash = hasher.Hash(chosen) });
        if (created is null)
        {
            return new ManageOutcome(ManageStatus.Conflict, $"an account '{draft.Name}' exists already");
        }

        audit.Record(actor, AccountAuditActions.Create, created.Name, "ok", Describe(created));
        return new ManageOutcome(ManageStatus.Ok, "created", created, generated);
    }

    public ManageOutcome Update(string actor, string name, AccountSpec spec)
    {
        lock (users.WriteLock)
        {
            if (users.FindByName(name) is not { } user)
            {
                return ManageOutcome.Missing(name);
            }

            var updated = Apply(user, spec, out var problem);
            if (problem is not null)
            {
                return ManageOutcome.Bad(problem);
            }

            if (user.Has(Role.Admin) && !user.Disabled && !updated!.Has(Role.Admin) && IsLastAdmin(user))
            {
                return new ManageOutcome(ManageStatus.Conflict, $"{user.Name} is the last enabled Admin: make another account Admin first");
            }

            users.Update(updated!);
            audit.Record(actor, AccountAuditActions.Update, user.Name, "ok", Describe(updated!));
            return new ManageOutcome(ManageStatus.Ok, "updated", updated);
        }
    }

    /// <summary>Sets a new password (generated when none is given), requires a change at next login, unlocks, ends the user's sessions.</summary>
    public ManageOutcome ResetPassword(string actor, string name, string? password)
    {
        if (users.FindByName(name) is not { } user)
        {
            return ManageOutcome.Missing(name);
        }

        var generated = password is null ? OneTimePasswords.New() : null;
        if (PasswordPolicy.Problem(password ?? generated, user.Name, options.Value.MinPasswordLength) is { } problem)
        {
            return ManageOutcome.Bad("password: " + problem);
        }

        var hash = hasher.Hash(password ?? generated!);
        lock (users.WriteLock)
        {
            user = users.FindById(user.Id)! with { PasswordHash = hash, MustChangePassword = true, FailedLogins = 0, LockedUntil = null };
            users.Update(user);
        }

        sessions.EndAll(user.Id);
        audit.Record(actor, AccountAuditActions.PasswordReset, user.Name, "ok", "must change at next login; sessions ended");
        return new ManageOutcome(ManageStatus.Ok, "password reset", user, generated);
    }

    public ManageOutcome SetDisabled(string actor, string name, bool disabled)
    {
        lock (users.WriteLock)
        {
            if (users.FindByName(name) is not { } user)
            {
                return ManageOutcome.Missing(name);
            }

            if (disabled && !user.Disabled && user.Has(Role.Admin) && IsLastAdmin(user))
            {
                return new ManageOutcome(ManageStatus.Conflict, $"{user.Name} is the last enabled Admin and cannot be disabled");
            }

            user = user with { Disabled = disabled };
            users.Update(user);
            if (disabled)
            {
                sessions.EndAll(user.Id);
            }

            audit.Record(actor, disabled ? AccountAuditActions.Disable : AccountAuditActions.Enable, user.Name, "ok");
            return new ManageOutcome(ManageStatus.Ok, disabled ? "disabled" : "enabled", user);
        }
    }

    /// <summary>The commune's display name for a stored id (ids of communes since removed from the topology show as they are).</summary>
    public string CommuneName(string id) => topology.FindCommune(id)?.Name ?? id;

    private bool IsLastAdmin(UserAccount user) =>
        !users.List().Any(u => u.Id != user.Id && !u.Disabled && u.Has(Role.Admin));

    private UserAccount? Apply(UserAccount user, AccountSpec spec, out string? problem)
    {
        var communes = new List<string>();
        foreach (var given in spec.Communes ?? user.Communes)
        {
            if (topology.FindCommune(given) is not { } commune)
            {
                problem = $"communes: '{given}' is not a commune of {topology.Topology.District.Name} (id, code or name from {topology.Source})";
                return null;
            }

            if (!communes.Contains(commune.Id))
            {
                communes.Add(commune.Id);
            }
        }

        var roles = (spec.Roles ?? user.Roles).Distinct().Order().ToList();
        var scope = spec.ApproverScope ?? user.ApproverScope;
        var emergency = spec.EmergencyPermission ?? user.EmergencyPermission;
        problem = RoleRules.Problem(roles, communes, scope, emergency);
        if (spec.DisplayName is { Length: > 200 })
        {
            problem = "displayName: at most 200 characters";
        }

        return problem is null
            ? user with { Roles = roles, Communes = communes, ApproverScope = scope, EmergencyPermission = emergency, DisplayName = spec.DisplayName?.Trim() ?? user.DisplayName }
            : null;
    }

    private string Describe(UserAccount u) =>
        $"roles {string.Join('+', u.Roles)}"
        + (u.Communes.Count > 0 ? $"; communes {string.Join(", ", u.Communes.Select(CommuneName))}" : string.Empty)
        + (u.Has(Role.Approver) ? $"; approver scope {u.ApproverScope}" : string.Empty)
        + (u.EmergencyPermission ? "; emergency permission" : string.Empty);
}
