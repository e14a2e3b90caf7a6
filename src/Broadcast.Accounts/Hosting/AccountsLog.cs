using Microsoft.Extensions.Logging;

namespace Broadcast.Accounts.Hosting;

/// <summary>Every log line of the accounts, source-generated, with stable event ids (700-749).</summary>
internal static partial class AccountsLog
{
    [LoggerMessage(700, LogLevel.Warning, "{Box}", EventName = "FirstAdminPassword")]
    public static partial void FirstAdminPassword(ILogger logger, string box);

    [LoggerMessage(701, LogLevel.Information, "Created the first user 'admin' with the password from Accounts:InitialAdminPassword ({Path})", EventName = "FirstAdminConfigured")]
    public static partial void FirstAdminConfigured(ILogger logger, string path);

    [LoggerMessage(702, LogLevel.Information, "Failed login for '{User}' from {Client}: {Reason}", EventName = "LoginFailed")]
    public static partial void LoginFailed(ILogger logger, string user, string client, string reason);

    [LoggerMessage(703, LogLevel.Warning, "Account '{User}' locked until {Until:u} after {Failures} failed logins (last from {Client})", EventName = "AccountLocked")]
    public static partial void AccountLocked(ILogger logger, string user, DateTimeOffset until, int failures, string client);

    [LoggerMessage(704, LogLevel.Information, "'{User}' logged in from {Client} ({Kind} session)", EventName = "LoggedIn")]
    public static partial void LoggedIn(ILogger logger, string user, string client, string kind);

    [LoggerMessage(705, LogLevel.Warning, "Accounts:Enabled=false: the API accepts every request without a login (Development environment only; {Urls})", EventName = "AccountsDisabled")]
    public static partial void AccountsDisabled(ILogger logger, string urls);

    [LoggerMessage(706, LogLevel.Information, "Accounts database {Path}: {Users} users", EventName = "AccountsOpened")]
    public static partial void AccountsOpened(ILogger logger, string path, int users);
}
