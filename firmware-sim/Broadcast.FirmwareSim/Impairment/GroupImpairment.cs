using System.Globalization;
using System.Text;
using Broadcast.FirmwareSim.Cluster;

namespace Broadcast.FirmwareSim.Impairment;

/// <summary>
/// An impairment for a group of clusters: <c>commune:Y Tý=loss:10%,jitter:40ms</c>. Selectors: <c>commune:</c>,
/// <c>hamlet:</c>, <c>cluster:</c> (id or name; names are compared as slugs, "Y Tý" = "y-ty"), <c>dead-zone</c>, <c>all</c>.
/// Profile keys: loss, gilbert (p/r), latency, jitter, outage (repeatable), bandwidth.
/// </summary>
internal sealed record GroupImpairment(string Kind, string Value, ImpairmentProfile Profile)
{
    /// <summary>The selector as written on the command line (commune:y-ty, dead-zone, all).</summary>
    public string Selector => Value.Length == 0 ? Kind : $"{Kind}:{Value}";

    public bool Matches(ClusterSpec spec) => Kind switch
    {
        "all" => true,
        "dead-zone" => spec.DeadZone,
        "commune" => Same(spec.Commune, Value),
        "hamlet" => Same(spec.Hamlet, Value),
        "cluster" => Same(spec.Id, Value),
        _ => false,
    };

    /// <summary>Parses SELECTOR=PROFILE.</summary>
    public static bool TryParse(string? text, out GroupImpairment? group, out string error)
    {
        group = null;
        error = string.Empty;
        var eq = text?.IndexOf('=', StringComparison.Ordinal) ?? -1;
        if (text is null || eq <= 0)
        {
            error = $"'{text}' is not SELECTOR=PROFILE, e.g. \"commune:Y Tý=loss:10%,jitter:40ms\"";
            return false;
        }

        var selector = text[..eq].Trim();
        string kind, value = string.Empty;
        if (selector is "all" or "dead-zone")
        {
            kind = selector;
        }
        else
        {
            var colon = selector.IndexOf(':', StringComparison.Ordinal);
            kind = colon > 0 ? selector[..colon].Trim().ToLowerInvariant() : string.Empty;
            value = colon > 0 ? selector[(colon + 1)..].Trim() : string.Empty;
            if (kind is not ("commune" or "hamlet" or "cluster") || value.Length == 0)
            {
                error = $"selector '{selector}' must be commune:ID, hamlet:ID, cluster:ID, dead-zone or all";
                return false;
            }
        }

        if (!TryParseProfile(text[(eq + 1)..], out var profile, out error))
        {
            return false;
        }

        group = new GroupImpairment(kind, value, profile!);
        return true;
    }

    /// <summary>Parses "loss:10%,jitter:40ms,outage:10s@40s,gilbert:0.02/0.25,latency:80ms,bandwidth:64kbit".</summary>
    public static bool TryParseProfile(string text, out ImpairmentProfile? profile, out string error)
    {
        profile = null;
        error = string.Empty;
        var result = new ImpairmentProfile();
        var outages = new List<OutageSchedule>();
        foreach (var item in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = item.IndexOf(':', StringComparison.Ordinal);
            var key = colon > 0 ? item[..colon].Trim().ToLowerInvariant() : item;
            var value = colon > 0 ? item[(colon + 1)..].Trim() : string.Empty;
            switch (key)
            {
                case "loss" when Units.TryParseFraction(value, out var loss):
                    result = result with { Loss = loss };
                    break;
                case "gilbert" when value.Split('/') is [var ps, var rs] && Units.TryParseFraction(ps, out var p) && Units.TryParseFraction(rs, out var r) && r > 0:
                    result = result with { Gilbert = (p, r) };
                    break;
                case "latency" when Units.TryParseDuration(value, out var latency):
                    result = result with { Latency = latency };
                    break;
                case "jitter" when Units.TryParseDuration(value, out var jitter):
                    result = result with { Jitter = jitter };
                    break;
                case "bandwidth" when Units.TryParseBitRate(value, out var bits):
                    result = result with { BandwidthBitsPerSecond = bits };
                    break;
                case "outage":
                    if (!OutageSchedule.TryParse(value, out var outage, out error))
                    {
                        return false;
                    }

                    outages.Add(outage!);
                    break;
                default:
                    error = $"'{item}' is not KEY:VALUE with a key among loss (5%), gilbert (0.02/0.25), latency (80ms), jitter (30ms), outage (10s@40s[/120s]), bandwidth (64kbit)";
                    return false;
            }
        }

        profile = result with { Outages = outages };
        return true;
    }

    private static bool Same(string id, string value) =>
        string.Equals(id, value, StringComparison.OrdinalIgnoreCase) || string.Equals(id, Slug(value), StringComparison.OrdinalIgnoreCase);

    /// <summary>"Thị trấn Bát Xát" -> "thi-tran-bat-xat".</summary>
    internal static string Slug(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var ch in name.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            var c = ch is 'đ' or 'Đ' ? 'd' : char.ToLowerInvariant(ch);
            builder.Append(char.IsLetterOrDigit(c) ? c : '-');
        }

        return string.Join('-', builder.ToString().Split('-', StringSplitOptions.RemoveEmptyEntries));
    }
}
