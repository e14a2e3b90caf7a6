namespace Broadcast.Audit;

/// <summary>Audit actions of accounts and sessions (stable: reports and exports key on them).</summary>
public static class AccountAuditActions
{
    public const string Login = "account.login";
    public const string LoginFailed = "account.login-failed";
    public const string Lockout = "account.locked";
    public const string Logout = "account.logout";
    public const string PasswordChange = "account.password-change";
    public const string PasswordReset = "account.password-reset";
    public const string Create = "account.create";
    public const string Update = "account.update";
    public const string Disable = "account.disable";
    public const string Enable = "account.enable";
    public const string FirstAdmin = "account.first-admin";
}
