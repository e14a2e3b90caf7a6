namespace Broadcast.Accounts.Passwords;

/// <summary>What a new password must be. Length is what matters for a PBKDF2 hash; no composition rules.</summary>
internal static class PasswordPolicy
{
    // Beyond this the hash costs the server more than any real passphrase needs.
    public const int MaxLength = 512;

    /// <summary>Why <paramref name="password"/> cannot be <paramref name="userName"/>'s new password, or null when it can.</summary>
    public static string? Problem(string? password, string userName, int minLength)
    {
        if (string.IsNullOrEmpty(password) || password.Length < minLength)
        {
            return $"the new password must have at least {minLength} characters";
        }

        if (password.Length > MaxLength)
        {
            return $"the new password must have at most {MaxLength} characters";
        }

        return password.Trim().Equals(userName, StringComparison.OrdinalIgnoreCase)
            ? "the new password must not be the user name"
            : null;
    }
}
