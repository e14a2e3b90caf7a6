using System.Net;
using System.Text.Json;
using Broadcast.Protocol.Identity;
using Broadcast.Topology;

namespace Broadcast.FirmwareSim.Cluster;

/// <summary>
/// Turns the topology (or --clusters N: the first N of it, synthetic clusters 127.200.x.y beyond) and the
/// credentials (files, or keys generated in process) into cluster identities.
/// </summary>
internal static class ClusterSource
{
    public static (string District, List<ClusterIdentity> Clusters) Load(SimulatorOptions options)
    {
        DistrictTopology topology;
        try
        {
            topology = TopologyLoader.Load(options.TopologyPath);
        }
        catch (Exception e) when (e is TopologyException or IOException or UnauthorizedAccessException)
        {
            throw new SimulatorSetupException($"topology {options.TopologyPath}: {e.Message}", e);
        }

        var specs = topology.Clusters.Select(p => ToSpec(p.Commune.Id, p.Hamlet.Id, p.Cluster.Id, p.Cluster.Bind, p.Cluster.Transport, p.Hamlet.DeadZone)).ToList();
        if (options.ClusterCount is { } count)
        {
            specs = specs.Take(count).ToList();
            for (var i = specs.Count; i < count; i++)
            {
                var address = $"127.200.{i / 250}.{(i % 250) + 1}";
                specs.Add(ToSpec("synthetic", $"synthetic-{i / 2:D4}", $"SIM-{i:D5}", address + "/32", "udp", false));
            }
        }

        if (options.Attacks != Attack.AttackKind.None && options.GenerateKeys)
        {
            // Attack mode with generated keys: the attackers are extra provisioned clusters of their own commune.
            for (var i = 0; i < AttackerCount(options); i++)
            {
                specs.Add(ToSpec("attacker", "attacker", $"ATK-{i + 1:D2}", $"127.66.0.{i + 1}/32", "udp", false));
            }
        }

        var district = options.District ?? topology.District.Id;
        if (options.GenerateKeys)
        {
            var controllerKey = ParseControllerKey(options.ControllerKey);
            return (district, specs.Select(s => new ClusterIdentity(s, StaticKeyPair.Generate(), controllerKey, district)).ToList());
        }

        if (options.CredentialsDirectory is null)
        {
            throw new SimulatorSetupException("no keys: give --credentials DIR (files {id}.json from 'bcast endpoint provision --out-dir') or --generate-keys with --controller-key");
        }

        var result = new List<ClusterIdentity>(specs.Count);
        foreach (var spec in specs)
        {
            var path = Path.Combine(options.CredentialsDirectory, spec.Id + ".json");
            if (!File.Exists(path))
            {
                throw new SimulatorSetupException($"credentials file {path} for cluster {spec.Id} is missing; provision it or use --generate-keys");
            }

            CredentialsFile file;
            try
            {
                file = CredentialsFile.Load(path);
            }
            catch (CredentialsFileException e)
            {
                throw new SimulatorSetupException(e.Message, e);
            }

            var bound = spec with { Bind = file.Binding.ToString(), LocalAddress = LocalAddressOf(file.Binding) };
            result.Add(new ClusterIdentity(bound, file.KeyPair, file.ControllerPublicKey, options.District ?? file.District));
        }

        return (options.District ?? result.FirstOrDefault()?.District ?? district, result);
    }

    /// <summary>Number of attacker clusters: --attackers, else one per selected attack.</summary>
    public static int AttackerCount(SimulatorOptions options) =>
        options.Attacks == Attack.AttackKind.None ? 0 : options.Attackers ?? Attack.AttackKinds.Names(options.Attacks).Count;

    /// <summary>Writes the registry of generated endpoints: [{id, commune, hamlet, publicKey, bind}].</summary>
    public static void WriteRegistry(string path, IEnumerable<ClusterIdentity> clusters)
    {
        var temp = path + ".tmp";
        using (var stream = File.Create(temp))
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartArray();
            foreach (var c in clusters)
            {
                writer.WriteStartObject();
                writer.WriteString("id", c.Spec.Id);
                writer.WriteString("commune", c.Spec.Commune);
                writer.WriteString("hamlet", c.Spec.Hamlet);
                writer.WriteString("publicKey", c.KeyPair.PublicKey.ToBase64());
                writer.WriteString("bind", c.Spec.Bind);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        File.Move(temp, path, overwrite: true);
    }

    /// <summary>A base64 key, or a controller identity file (its controllerPublicKey field).</summary>
    public static X25519PublicKey ParseControllerKey(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new SimulatorSetupException("--generate-keys needs --controller-key (the controller public key in base64, or its identity file)");
        }

        if (X25519PublicKey.TryParseBase64(text, out var key) && key is not null)
        {
            return key;
        }

        if (File.Exists(text))
        {
            try
            {
                using var document = JsonDocument.Parse(File.ReadAllBytes(text));
                if (document.RootElement.TryGetProperty("controllerPublicKey", out var value)
                    && X25519PublicKey.TryParseBase64(value.GetString(), out key) && key is not null)
                {
                    return key;
                }
            }
            catch (JsonException e)
            {
                throw new SimulatorSetupException($"controller key file {text} is not JSON: {e.Message}", e);
            }

            throw new SimulatorSetupException($"controller key file {text} has no valid controllerPublicKey");
        }

        throw new SimulatorSetupException($"--controller-key '{text}' is neither a base64 X25519 public key (32 bytes) nor an existing file");
    }

    private static ClusterSpec ToSpec(string commune, string hamlet, string id, string bind, string transport, bool deadZone)
    {
        if (!IpBinding.TryParse(bind, out var binding))
        {
            throw new SimulatorSetupException($"cluster {id}: bind '{bind}' is not an address or CIDR prefix");
        }

        return new ClusterSpec(id, commune, hamlet, bind, LocalAddressOf(binding), string.Equals(transport, "mqtt", StringComparison.OrdinalIgnoreCase), deadZone);
    }

    /// <summary>The address the sockets bind to: the binding itself for a single address, else its first host.</summary>
    private static IPAddress LocalAddressOf(IpBinding binding)
    {
        var network = binding.Network;
        var full = network.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128;
        if (binding.PrefixLength == full)
        {
            return network;
        }

        var bytes = network.GetAddressBytes();
        bytes[^1] |= 1;
        return new IPAddress(bytes);
    }
}
