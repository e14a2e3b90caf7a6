using System.ComponentModel.DataAnnotations;

namespace Broadcast.Accounts.Hosting;

/// <summary>Accounts, sessions and lockout: section <c>Accounts</c> of <c>config/appsettings.json</c>.</summary>
public sealed class AccountsOptions
{
    public const string Section = "Accounts";

    /// <summary>The framework's floor for this station: shorter passwords are refused everywhere.</summary>
    public const int MinimumPasswordLength = 10;

    /// <summary>
    /// Authentication and authorisation of the API. <c>false</c> is accepted only in the Development environment
    /// (a developer's loopback convenience); production always enforces.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Password of the first <c>admin</c> when the accounts database has no user yet (tests, the demo). When unset,
    /// a random one-time password is generated and printed once in the log, and must be changed at first login.
    /// </summary>
    [MinLength(MinimumPasswordLength)]
    public string? InitialAdminPassword { get; set; }

    /// <summary>Sliding lifetime of a session: each use extends it by this much.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>No session outlives this, however often it is used.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "90.00:00:00")]
    public TimeSpan SessionMaxLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Consecutive failed logins that lock the account.</summary>
    [Range(1, 100)]
    public int MaxFailedLogins { get; set; } = 5;

    /// <summary>How long a locked account refuses every login.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LockoutPeriod { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Minimum password length; never below <see cref="MinimumPasswordLength"/>.</summary>
    [Range(MinimumPasswordLength, 256)]
    public int MinPasswordLength { get; set; } = MinimumPasswordLength;
}
