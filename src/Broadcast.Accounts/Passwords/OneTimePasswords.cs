using System.Security.Cryptography;

namespace Broadcast.Accounts.Passwords;

/// <summary>
/// Generated passwords for a first admin or a reset: 16 characters in four groups from an alphabet without look-alikes
/// (no 0/O, 1/l/I), about 90 bits, easy to read aloud over the phone to a commune office.
/// </summary>
internal static class OneTimePasswords
{
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static string New()
    {
        var chars = RandomNumberGenerator.GetItems<char>(Alphabet, 16);
        return string.Join('-', chars.Chunk(4).Select(c => new string(c)));
    }
}
