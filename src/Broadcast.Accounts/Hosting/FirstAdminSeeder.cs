using System.Text;
using Broadcast.Accounts.Passwords;
using Broadcast.Accounts.Storage;
using Broadcast.Accounts.Users;
using Broadcast.Audit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Broadcast.Accounts.Hosting;

/// <summary>
/// On a start with no user at all, creates <c>admin</c>: with <c>Accounts:InitialAdminPassword</c> when configured
/// (tests, the demo), otherwise with a random one-time password that is printed once, boxed, in the log and must be
/// changed at first login. The password is never stored in clear, so it cannot be printed again: a lost one is
/// recovered by stopping the controller and deleting accounts.db while it holds only that admin.
/// </summary>
internal sealed class FirstAdminSeeder(
    UserStore users,
    AccountPasswordHasher hasher,
    IOptions<AccountsOptions> options,
    TimeProvider time,
    AccountsAudit audit,
    ILogger<FirstAdminSeeder> logger) : IHostedService
{
    public const string AdminName = "admin";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Seed();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Creates the first admin when there is no user; returns the generated password, or null.</summary>
    public string? Seed()
    {
        var count = users.Count();
        AccountsLog.AccountsOpened(logger, users.Path, count);
        if (count > 0)
        {
            return null;
        }

        var configured = options.Value.InitialAdminPassword;
        var generated = string.IsNullOrEmpty(configured) ? OneTimePasswords.New() : null;
        var created = users.Insert(new UserAccount
        {
            Id = 0,
            Name = AdminName,
            DisplayName = "Administrator",
            PasswordHash = hasher.Hash(configured is { Length: > 0 } ? configured : generated!),
            Roles = [Role.Admin],
            // A fresh station must be able to break in on a flood night before anyone has set up accounts; every other
            // account gets the permission only from an administrator (PUT /api/accounts/admin takes it away).
            EmergencyPermission = true,
            MustChangePassword = generated is not null,
            CreatedAt = time.GetUtcNow(),
        });
        if (created is null)
        {
            // Another start created it first (two controllers on one data directory): theirs stands.
            return null;
        }

        audit.Record(AuditActors.System, AccountAuditActions.FirstAdmin, AdminName, "ok", generated is null ? "password from Accounts:InitialAdminPassword" : "one-time password printed in the log");
        if (generated is null)
        {
            AccountsLog.FirstAdminConfigured(logger, users.Path);
        }
        else
        {
            AccountsLog.FirstAdminPassword(logger, Box(generated));
        }

        return generated;
    }

    private static string Box(string password)
    {
        string[] lines =
        [
            "FIRST START: created the user 'admin' with this ONE-TIME password:",
            string.Empty,
            "    " + password,
            string.Empty,
            "It is shown only this once. Log in (./bcast login --user admin) and set a new one;",
            "until then 'admin' can only change the password or log out.",
        ];
        var width = lines.Max(l => l.Length) + 2;
        var box = new StringBuilder().AppendLine().Append('+').Append('-', width).Append('+').AppendLine();
        foreach (var line in lines)
        {
            box.Append("| ").Append(line.PadRight(width - 1)).Append('|').AppendLine();
        }

        return box.Append('+').Append('-', width).Append('+').ToString();
    }
}
