using Broadcast.Accounts.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Broadcast.Accounts.Passwords;

/// <summary>
/// The framework's <see cref="PasswordHasher{TUser}"/> in its V3 format (PBKDF2 with HMAC-SHA512, 128-bit salt,
/// 100,000 iterations by default, all recorded in the hash so later increases re-hash on the next login). No
/// home-made crypto here: this class only fixes the format and says whether a stored hash should be upgraded.
/// </summary>
internal sealed class AccountPasswordHasher
{
    private readonly PasswordHasher<UserAccount> _hasher = new(Options.Create(new PasswordHasherOptions { CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3 }));

    // Verifying against this when the user does not exist costs the same as a real check, so response time does not
    // tell an attacker which names exist.
    private readonly Lazy<string> _decoy;

    public AccountPasswordHasher()
    {
        _decoy = new Lazy<string>(() => Hash(DecoyPassword()));
    }

    public string Hash(string password) => _hasher.HashPassword(null!, password);

    public PasswordCheck Verify(string hash, string password) => _hasher.VerifyHashedPassword(null!, hash, password) switch
    {
        PasswordVerificationResult.Success => PasswordCheck.Ok,
        PasswordVerificationResult.SuccessRehashNeeded => PasswordCheck.OkRehash,
        _ => PasswordCheck.Wrong,
    };

    /// <summary>Spends a verification's time on a decoy hash; always wrong.</summary>
    public void VerifyDecoy(string password) => _hasher.VerifyHashedPassword(null!, _decoy.Value, password);

    private static string DecoyPassword() => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
}

/// <summary>Outcome of a password check.</summary>
internal enum PasswordCheck
{
    Wrong,
    Ok,

    /// <summary>Right, but stored with weaker parameters than today's: store a fresh hash.</summary>
    OkRehash,
}
