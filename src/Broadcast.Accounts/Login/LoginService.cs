using System.Globalization;
using Broadcast.Accounts.Hosting;
using Broadcast.Accounts.Passwords;
using Broadcast.Accounts.Sessions;
using Broadcast.Accounts.Storage;
using Broadcast.Accounts.Users;
using Broadcast.Audit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Broadcast.Accounts.Login;

/// <summary>
/// Logins and password changes with lockout: <see cref="AccountsOptions.MaxFailedLogins"/> consecutive failures lock
/// the account for <see cref="AccountsOptions.LockoutPeriod"/>, during which even the right password is refused.
/// The slow hash runs outside the store's write lock; only the counter update takes it.
/// </summary>
internal sealed class LoginService(
    UserStore users,
    SessionService sessions,
    AccountPasswordHasher hasher,
    IOptions<AccountsOptions> options,
    TimeProvider time,
    AccountsAudit audit,
    ILogger<LoginService> logger)
{
    private const string WrongCredentials = "wrong user name or password";

    public LoginOutcome Login(string? name, string? password, SessionKind kind, string client)
    {
        if (string.IsNullOrWhiteSpace(name) || string.IsNullOrEmpty(password))
        {
            return new LoginOutcome(LoginStatus.BadRequest, "user and password are required");
        }

        var user = users.FindByName(name);
        if (user is null || password.Length > PasswordPolicy.MaxLength)
        {
            hasher.VerifyDecoy(password.Length > PasswordPolicy.MaxLength ? string.Empty : password);
            return Failed(UserNames.Normalize(name), client, "unknown user");
        }

        if (LockedNow(user) is { } locked)
        {
            return Failed(user.Name, client, "locked", locked);
        }

        var check = hasher.Verify(user.PasswordHash, password);
        if (check == PasswordCheck.Wrong)
        {
            return CountFailure(user.Id, client);
        }

        lock (users.WriteLock)
        {
            user = users.FindById(user.Id)!;
            if (LockedNow(user) is { } lockedMeanwhile)
            {
                return Failed(user.Name, client, "locked", lockedMeanwhile);
            }

            if (user.Disabled)
            {
                audit.Record(user.Name, AccountAuditActions.LoginFailed, user.Name, "refused", $"disabled account, from {client}");
                return new LoginOutcome(LoginStatus.Disabled, $"account {user.Name} is disabled: ask an administrator");
            }

            user = user with
            {
                FailedLogins = 0,
                LockedUntil = null,
                LastLoginAt = time.GetUtcNow(),
                PasswordHash = check == PasswordCheck.OkRehash ? hasher.Hash(password) : user.PasswordHash,
            };
            users.Update(user);
        }

        var session = sessions.Issue(user, kind);
        audit.Record(user.Name, AccountAuditActions.Login, user.Name, "ok", $"{kind} session from {client}");
        AccountsLog.LoggedIn(logger, user.Name, client, kind.ToString());
        return new LoginOutcome(LoginStatus.Ok, "ok", user, session);
    }

    /// <summary>
    /// Changes the user's own password after checking the current one (a wrong one counts towards the lockout, so a
    /// stolen session cannot guess it), clears the must-change flag and ends the user's other sessions.
    /// </summary>
    public LoginOutcome ChangePassword(long userId, string? currentToken, string? current, string? next, string client)
    {
        var user = users.FindById(userId);
        if (user is null)
        {
            return new LoginOutcome(LoginStatus.WrongCredentials, "unknown user");
        }

        if (string.IsNullOrEmpty(current) || next is null)
        {
            return new LoginOutcome(LoginStatus.BadRequest, "currentPassword and newPassword are required");
        }

        if (LockedNow(user) is { } locked)
        {
            return new LoginOutcome(LoginStatus.LockedOut, LockedMessage(user.Name, locked), LockedUntil: locked);
        }

        if (current.Length > PasswordPolicy.MaxLength || hasher.Verify(user.PasswordHash, current) == PasswordCheck.Wrong)
        {
            var failed = CountFailure(user.Id, client);
            return failed.Status == LoginStatus.LockedOut ? failed : new LoginOutcome(LoginStatus.WrongCredentials, "the current password is wrong");
        }

        if (PasswordPolicy.Problem(next, user.Name, options.Value.MinPasswordLength) is { } problem)
        {
            return new LoginOutcome(LoginStatus.BadRequest, problem);
        }

        if (string.Equals(next, current, StringComparison.Ordinal))
        {
            return new LoginOutcome(LoginStatus.BadRequest, "the new password must differ from the current one");
        }

        var hash = hasher.Hash(next);
        lock (users.WriteLock)
        {
            user = users.FindById(userId)! with { PasswordHash = hash, MustChangePassword = false, FailedLogins = 0, LockedUntil = null };
            users.Update(user);
        }

        var ended = sessions.EndAll(user.Id, currentToken);
        audit.Record(user.Name, AccountAuditActions.PasswordChange, user.Name, "ok", string.Create(CultureInfo.InvariantCulture, $"from {client}; {ended} other sessions ended"));
        return new LoginOutcome(LoginStatus.Ok, "ok", user);
    }

    private LoginOutcome CountFailure(long userId, string client)
    {
        var o = options.Value;
        UserAccount user;
        DateTimeOffset? lockedUntil = null;
        lock (users.WriteLock)
        {
            user = users.FindById(userId)!;
            var failures = user.FailedLogins + 1;
            if (failures >= o.MaxFailedLogins)
            {
                lockedUntil = time.GetUtcNow() + o.LockoutPeriod;
                user = user with { FailedLogins = 0, LockedUntil = lockedUntil };
            }
            else
            {
                user = user with { FailedLogins = failures };
            }

            users.Update(user);
        }

        if (lockedUntil is { } until)
        {
            AccountsLog.AccountLocked(logger, user.Name, until, o.MaxFailedLogins, client);
            audit.Record(user.Name, AccountAuditActions.Lockout, user.Name, "locked", string.Create(CultureInfo.InvariantCulture, $"{o.MaxFailedLogins} failed logins, last from {client}; locked until {until:u}"));
            return new LoginOutcome(LoginStatus.LockedOut, LockedMessage(user.Name, until), LockedUntil: until);
        }

        return Failed(user.Name, client, "wrong password");
    }

    private LoginOutcome Failed(string name, string client, string reason, DateTimeOffset? lockedUntil = null)
    {
        AccountsLog.LoginFailed(logger, name, client, reason);
        audit.Record(name, AccountAuditActions.LoginFailed, name, "refused", $"{reason}, from {client}");
        return lockedUntil is { } until
            ? new LoginOutcome(LoginStatus.LockedOut, LockedMessage(name, until), LockedUntil: until)
            : new LoginOutcome(LoginStatus.WrongCredentials, WrongCredentials);
    }

    private DateTimeOffset? LockedNow(UserAccount user) =>
        user.LockedUntil is { } until && until > time.GetUtcNow() ? until : null;

    private string LockedMessage(string name, DateTimeOffset until) => string.Create(
        CultureInfo.InvariantCulture,
        $"account {name} is locked until {until:u} after {options.Value.MaxFailedLogins} failed logins; wait, or ask an administrator to reset the password");
}
