using System.Net;
using System.Text.Json;

namespace Broadcast.Topology;

/// <summary>Reads and validates a district topology file.</summary>
public static class TopologyLoader
{
    public const int SupportedFormatVersion = 1;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static DistrictTopology Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (FileNotFoundException)
        {
            throw new TopologyException($"{path}: topology file not found");
        }
        catch (DirectoryNotFoundException)
        {
            throw new TopologyException($"{path}: topology file not found");
        }
        catch (IOException ex)
        {
            throw new TopologyException($"{path}: cannot read the topology file ({ex.Message})", ex);
        }

        return Parse(text, path);
    }

    public static DistrictTopology Parse(string json, string source = "topology")
    {
        DistrictTopology? topology;
        try
        {
            topology = JsonSerializer.Deserialize<DistrictTopology>(json, Json);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" at line {line + 1}" : string.Empty;
            throw new TopologyException($"{source}: not a valid topology{where}: {ex.Message}", ex);
        }

        if (topology is null)
        {
            throw new TopologyException($"{source}: the file is empty");
        }

        Validate(topology, source);
        return topology;
    }

    private static void Validate(DistrictTopology t, string source)
    {
        if (t.FormatVersion != SupportedFormatVersion)
        {
            throw new TopologyException($"{source}: formatVersion {t.FormatVersion} is not supported (this version reads {SupportedFormatVersion})");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var commune in t.Communes)
        {
            Require(ids.Add("commune:" + commune.Id), source, $"commune id '{commune.Id}' appears twice");
            foreach (var hamlet in commune.Hamlets)
            {
                Require(ids.Add("hamlet:" + hamlet.Id), source, $"hamlet id '{hamlet.Id}' appears twice");
                foreach (var cluster in hamlet.Clusters)
                {
                    Require(ids.Add("cluster:" + cluster.Id), source, $"cluster id '{cluster.Id}' appears twice");
                    Require(IsValidBinding(cluster.Bind), source, $"cluster {cluster.Id}: bind '{cluster.Bind}' is not an IP address or CIDR block");
                    Require(cluster.Transport is "udp" or "mqtt", source, $"cluster {cluster.Id}: transport '{cluster.Transport}' must be \"udp\" or \"mqtt\"");
                }
            }
        }

        Require(t.Communes.Count > 0, source, "no communes");
    }

    private static bool IsValidBinding(string bind)
    {
        var slash = bind.IndexOf('/', StringComparison.Ordinal);
        var address = slash < 0 ? bind : bind[..slash];
        if (!IPAddress.TryParse(address, out var ip))
        {
            return false;
        }

        if (slash < 0)
        {
            return true;
        }

        var max = ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128;
        return int.TryParse(bind[(slash + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var prefix) && prefix <= max;
    }

    private static void Require(bool condition, string source, string problem)
    {
        if (!condition)
        {
            throw new TopologyException($"{source}: {problem}");
        }
    }
}
