using System.Text;
using System.Text.RegularExpressions;

namespace Broadcast.Accounts.Users;

/// <summary>Login names: letters (Vietnamese ones too), digits, '.', '_' and '-'; compared in lower case, NFC.</summary>
internal static partial class UserNames
{
    public static string Normalize(string name) =>
        (name ?? string.Empty).Trim().Normalize(NormalizationForm.FormC).ToLowerInvariant();

    /// <summary>Why <paramref name="name"/> cannot be a login name, or null when it can.</summary>
    public static string? Problem(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "name is required";
        }

        return Pattern().IsMatch(Normalize(name))
            ? null
            : $"name '{name}' is not a login name: use 2 to 64 letters, digits, '.', '_' or '-'";
    }

    [GeneratedRegex(@"^[\p{L}\p{N}._-]{2,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
