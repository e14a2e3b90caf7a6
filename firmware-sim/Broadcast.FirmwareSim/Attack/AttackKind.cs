namespace Broadcast.FirmwareSim.Attack;

/// <summary>What attacker clusters do (--attack forge,replay,reroute,wrong-ip).</summary>
[Flags]
public enum AttackKind
{
    /// <summary>No attack.</summary>
    None = 0,

    /// <summary>Craft media under the stolen channel key (tagged with the attacker's own media-auth key) and forge Hellos.</summary>
    Forge = 1,

    /// <summary>Re-send captured packets to other clusters and, later, to the attacker itself.</summary>
    Replay = 2,

    /// <summary>Forward the attacker's own stream to clusters of another commune.</summary>
    Reroute = 4,

    /// <summary>Present another cluster's stolen credentials from the attacker's address.</summary>
    WrongIp = 8,
}

/// <summary>Parsing and naming of <see cref="AttackKind"/> sets.</summary>
public static class AttackKinds
{
    /// <summary>Every attack, in the order attackers are assigned.</summary>
    public static IReadOnlyList<AttackKind> All { get; } = [AttackKind.Forge, AttackKind.Replay, AttackKind.Reroute, AttackKind.WrongIp];

    /// <summary>Parses "forge,replay,reroute,wrong-ip" (any subset, or "all").</summary>
    public static bool TryParse(string? text, out AttackKind kinds, out string error)
    {
        kinds = AttackKind.None;
        error = string.Empty;
        foreach (var raw in (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            switch (raw.ToLowerInvariant())
            {
                case "forge":
                    kinds |= AttackKind.Forge;
                    break;
                case "replay":
                    kinds |= AttackKind.Replay;
                    break;
                case "reroute":
                    kinds |= AttackKind.Reroute;
                    break;
                case "wrong-ip" or "wrongip":
                    kinds |= AttackKind.WrongIp;
                    break;
                case "all":
                    kinds |= AttackKind.Forge | AttackKind.Replay | AttackKind.Reroute | AttackKind.WrongIp;
                    break;
                default:
                    error = $"'{raw}' is not an attack; expected any of forge, replay, reroute, wrong-ip (comma-separated) or all";
                    return false;
            }
        }

        if (kinds == AttackKind.None)
        {
            error = "give at least one attack: forge, replay, reroute, wrong-ip";
            return false;
        }

        return true;
    }

    /// <summary>The attacks of a set as a list of names.</summary>
    public static IReadOnlyList<string> Names(AttackKind kinds) =>
        All.Where(k => (kinds & k) != 0).Select(Name).ToList();

    /// <summary>Command-line name of one attack.</summary>
    public static string Name(AttackKind kind) => kind switch
    {
        AttackKind.Forge => "forge",
        AttackKind.Replay => "replay",
        AttackKind.Reroute => "reroute",
        AttackKind.WrongIp => "wrong-ip",
        _ => kind.ToString(),
    };

    /// <summary>Attack set of attacker number <paramref name="index"/> of <paramref name="attackers"/>: the selected attacks dealt round robin.</summary>
    public static AttackKind ForAttacker(AttackKind selected, int index, int attackers)
    {
        var list = All.Where(k => (selected & k) != 0).ToList();
        var result = AttackKind.None;
        for (var k = 0; k < list.Count; k++)
        {
            if (k % attackers == index % attackers)
            {
                result |= list[k];
            }
        }

        return result == AttackKind.None ? list[index % list.Count] : result;
    }
}
