using System.Text;
using System.Text.RegularExpressions;

namespace Broadcast.Protocol.Tests;

/// <summary>Reads the ```hex name=...``` blocks of docs/protocol.md (copied next to the test assembly at build).</summary>
public static partial class ProtocolDoc
{
    public static string Path => System.IO.Path.Combine(AppContext.BaseDirectory, "protocol.md");

    public static Dictionary<string, byte[]> HexBlocks()
    {
        var text = File.ReadAllText(Path);
        var blocks = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (Match match in HexBlock().Matches(text))
        {
            var hex = new string(match.Groups["body"].Value.Where(Uri.IsHexDigit).ToArray());
            blocks.Add(match.Groups["name"].Value, Convert.FromHexString(hex));
        }

        return blocks;
    }

    /// <summary>Formats bytes the way the document shows them: 16 per line, lower case, space separated.</summary>
    public static string Format(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder();
        for (var i = 0; i < bytes.Length; i++)
        {
            text.Append(i % 16 == 0 ? (i == 0 ? string.Empty : "\n") : " ");
            text.Append(bytes[i].ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    [GeneratedRegex(@"```hex name=(?<name>[a-z0-9-]+)\n(?<body>[0-9a-fA-F \n]*?)```", RegexOptions.CultureInvariant)]
    private static partial Regex HexBlock();
}
