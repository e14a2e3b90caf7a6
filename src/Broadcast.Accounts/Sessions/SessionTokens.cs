using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Broadcast.Accounts.Sessions;

/// <summary>
/// Opaque session tokens: 256 random bits, base64url, with a <c>bcast_</c> prefix so a leaked one is recognisable
/// in a log or a paste. The server keeps only SHA-256 of the token: a stolen database does not hold usable tokens,
/// and a fast hash is enough because the token has full entropy (no guessing to slow down).
/// </summary>
internal static class SessionTokens
{
    public const string Prefix = "bcast_";

    public static string NewToken() => Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>The per-session value the console echoes in <c>X-Bcast-Csrf</c> (128 random bits).</summary>
    public static string NewCsrf() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>Constant-time comparison of a presented CSRF value with the session's.</summary>
    public static bool SameCsrf(string? expected, string? presented) =>
        expected is not null && presented is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(presented));
}
