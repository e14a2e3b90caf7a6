using System.CommandLine;
using Broadcast.FirmwareSim.Attack;
using Broadcast.FirmwareSim.Impairment;

namespace Broadcast.FirmwareSim.Cli;

/// <summary>The command line of `bcast sim` / `dotnet run --project firmware-sim/Broadcast.FirmwareSim`.</summary>
internal static class SimulatorCommand
{
    private static readonly Option<string> Topology = new("--topology") { Description = "Topology file", DefaultValueFactory = _ => Path.Combine("config", "district.bat-xat.json") };
    private static readonly Option<int?> Clusters = new("--clusters") { Description = "Number of clusters: the first N of the topology, synthetic ones beyond" };
    private static readonly Option<string> Controller = new("--controller") { Description = "Controller broker URL", DefaultValueFactory = _ => "mqtt://127.0.0.1:1883" };
    private static readonly Option<string?> ControllerUdp = new("--controller-udp") { Description = "Controller UDP media port for UDP registration, HOST:PORT (default: broker host, port 5004)" };
    private static readonly Option<string?> Credentials = new("--credentials") { Description = "Directory of credentials files {id}.json" };
    private static readonly Option<bool> GenerateKeys = new("--generate-keys") { Description = "Generate endpoint keys in process" };
    private static readonly Option<string?> ControllerKey = new("--controller-key") { Description = "Controller public key (base64) or identity file, with --generate-keys" };
    private static readonly Option<string?> WriteRegistry = new("--write-registry") { Description = "Write the registry of generated endpoints (JSON) to this file" };
    private static readonly Option<double?> Seconds = new("--seconds") { Description = "Run time in seconds (default: until Ctrl-C)" };
    private static readonly Option<string?> ReportFile = new("--report") { Description = "Write the JSON report here" };
    private static readonly Option<string?> Record = new("--record") { Description = "Write one WAV per cluster of what it played into this directory" };
    private static readonly Option<string?> District = new("--district") { Description = "District id (default: from the topology)" };
    private static readonly Option<string?> Loss = new("--loss") { Description = "Random loss, e.g. 5%" };
    private static readonly Option<string?> LossModel = new("--loss-model") { Description = "Bursty loss gilbert:p,r, e.g. gilbert:0.02,0.25" };
    private static readonly Option<string?> Latency = new("--latency") { Description = "Added one-way delay, e.g. 80ms" };
    private static readonly Option<string?> Jitter = new("--jitter") { Description = "Uniform extra delay 0..J, e.g. 30ms" };
    private static readonly Option<string[]> Outage = new("--outage") { Description = "Down for D at T, repeatable: 10s@40s or 10s@40s/120s", AllowMultipleArgumentsPerToken = false };
    private static readonly Option<string?> Bandwidth = new("--bandwidth") { Description = "Link rate cap, e.g. 64kbit" };
    private static readonly Option<bool> DeadZone = new("--dead-zone") { Description = "Give the topology's dead-zone hamlets a harsh default profile" };
    private static readonly Option<int> Seed = new("--seed") { Description = "Seed of the impairments", DefaultValueFactory = _ => 1 };
    private static readonly Option<string?> Heartbeat = new("--heartbeat") { Description = "Heartbeat period (default 15s)" };
    private static readonly Option<string?> Rehandshake = new("--rehandshake") { Description = "Re-handshake period while a session lasts (default 2h, protocol section 5.3; at least 1s)" };
    private static readonly Option<int?> Threads = new("--threads") { Description = "Playout and UDP receive threads, each serving a share of the clusters (default: one per core)" };
    private static readonly Option<bool> NoDecode = new("--no-decode") { Description = "Load-test mode: clusters decide and report playout but decode no Opus (no audio); not with --record" };
    private static readonly Option<string?> Buffer = new("--jitter-buffer") { Description = "Minimum jitter buffer delay (default 60ms)" };
    private static readonly Option<string[]> Impair = new("--impair") { Description = "Impairment of a group, repeatable: \"commune:Y Tý=loss:10%,jitter:40ms\" (selectors commune:, hamlet:, cluster:, dead-zone, all)" };
    private static readonly Option<string?> Attacks = new("--attack") { Description = "Attack mode: forge,replay,reroute,wrong-ip (any subset, or all); see firmware-sim/README.md" };
    private static readonly Option<int?> Attackers = new("--attackers") { Description = "Number of attacker clusters (default: one per selected attack)" };
    private static readonly Option<bool> Plain = new("--plain") { Description = "Plain summary lines even on a terminal" };

    public static RootCommand Create(Func<SimulatorOptions, bool, CancellationToken, Task<int>> run)
    {
        var root = new RootCommand("Simulates a district of IP loudspeaker clusters against a Broadcast controller.");
        foreach (var option in new Option[] { Topology, Clusters, Controller, ControllerUdp, Credentials, GenerateKeys, ControllerKey, WriteRegistry, Seconds, ReportFile, Record, District, Loss, LossModel, Latency, Jitter, Outage, Bandwidth, DeadZone, Seed, Heartbeat, Rehandshake, Threads, NoDecode, Buffer, Impair, Attacks, Attackers, Plain })
        {
            root.Options.Add(option);
        }

        root.SetAction(async (result, ct) =>
        {
            if (!TryBuild(result, out var options, out var error))
            {
                await Console.Error.WriteLineAsync($"bcast sim: error: {error}").ConfigureAwait(false);
                return 2;
            }

            return await run(options!, result.GetValue(Plain), ct).ConfigureAwait(false);
        });
        return root;
    }

    /// <summary>Parses <paramref name="args"/> into options; <paramref name="error"/> names the option and the problem.</summary>
    public static bool TryParse(string[] args, out SimulatorOptions? options, out string error)
    {
        var result = Create((_, _, _) => Task.FromResult(0)).Parse(args);
        if (result.Errors.Count > 0)
        {
            options = null;
            error = string.Join("; ", result.Errors.Select(e => e.Message));
            return false;
        }

        return TryBuild(result, out options, out error);
    }

    private static bool TryBuild(ParseResult result, out SimulatorOptions? options, out string error)
    {
        options = null;
        error = string.Empty;
        if (!Uri.TryCreate(result.GetValue(Controller), UriKind.Absolute, out var broker) || broker.Scheme is not ("mqtt" or "tcp"))
        {
            error = $"--controller '{result.GetValue(Controller)}' is not an mqtt://HOST:PORT URL";
            return false;
        }

        if (result.GetValue(Clusters) is { } n && n <= 0)
        {
            error = $"--clusters {n}: give a positive number of clusters";
            return false;
        }

        if (result.GetValue(Seconds) is { } s && (s <= 0 || double.IsInfinity(s)))
        {
            error = $"--seconds {s}: give a positive duration";
            return false;
        }

        if (!TryImpairment(result, out var profile, out error))
        {
            return false;
        }

        var groups = new List<GroupImpairment>();
        foreach (var text in result.GetValue(Impair) ?? [])
        {
            if (!GroupImpairment.TryParse(text, out var group, out var why))
            {
                error = $"--impair: {why}";
                return false;
            }

            groups.Add(group!);
        }

        var attacks = AttackKind.None;
        if (result.GetValue(Attacks) is { } attackText && !AttackKinds.TryParse(attackText, out attacks, out var attackError))
        {
            error = $"--attack: {attackError}";
            return false;
        }

        if (result.GetValue(Attackers) is { } attackerCount && (attackerCount <= 0 || attacks == AttackKind.None))
        {
            error = attacks == AttackKind.None ? "--attackers needs --attack" : $"--attackers {attackerCount}: give a positive number";
            return false;
        }

        var heartbeat = TimeSpan.FromSeconds(15);
        if (result.GetValue(Heartbeat) is { } hb && (!Units.TryParseDuration(hb, out heartbeat) || heartbeat < TimeSpan.FromSeconds(1)))
        {
            error = $"--heartbeat '{hb}' is not a duration of at least 1s";
            return false;
        }

        if (result.GetValue(Threads) is { } t && t is < 1 or > 256)
        {
            error = $"--threads {t}: give 1 to 256";
            return false;
        }

        if (result.GetValue(NoDecode) && result.GetValue(Record) is not null)
        {
            error = "--no-decode cannot be combined with --record: recordings need the decoded audio";
            return false;
        }

        var rehandshake = TimeSpan.FromHours(2);
        if (result.GetValue(Rehandshake) is { } rh && (!Units.TryParseDuration(rh, out rehandshake) || rehandshake < TimeSpan.FromSeconds(1)))
        {
            error = $"--rehandshake '{rh}' is not a duration of at least 1s (e.g. 2h, 90m)";
            return false;
        }

        var buffer = TimeSpan.FromMilliseconds(60);
        if (result.GetValue(Buffer) is { } jb && (!Units.TryParseDuration(jb, out buffer) || buffer < TimeSpan.FromMilliseconds(20) || buffer > TimeSpan.FromSeconds(1)))
        {
            error = $"--jitter-buffer '{jb}' must lie between 20ms and 1s";
            return false;
        }

        if (result.GetValue(GenerateKeys) && result.GetValue(ControllerKey) is null)
        {
            error = "--generate-keys needs --controller-key (the controller public key in base64, or its identity file)";
            return false;
        }

        if (!result.GetValue(GenerateKeys) && result.GetValue(Credentials) is null)
        {
            error = "no keys: give --credentials DIR (files {id}.json from 'bcast endpoint provision --out-dir') or --generate-keys with --controller-key";
            return false;
        }

        options = new SimulatorOptions
        {
            TopologyPath = result.GetValue(Topology)!,
            ClusterCount = result.GetValue(Clusters),
            ControllerMqtt = broker,
            ControllerUdp = result.GetValue(ControllerUdp) ?? "",
            CredentialsDirectory = result.GetValue(Credentials),
            GenerateKeys = result.GetValue(GenerateKeys),
            ControllerKey = result.GetValue(ControllerKey),
            RegistryPath = result.GetValue(WriteRegistry),
            Duration = result.GetValue(Seconds) is { } secs ? TimeSpan.FromSeconds(secs) : null,
            ReportPath = result.GetValue(ReportFile),
            RecordDirectory = result.GetValue(Record),
            District = result.GetValue(District),
            Impairment = profile,
            DeadZoneImpairment = result.GetValue(DeadZone) ? ImpairmentProfile.DeadZone : null,
            Seed = result.GetValue(Seed),
            GroupImpairments = groups,
            Attacks = attacks,
            Attackers = result.GetValue(Attackers),
            Heartbeat = heartbeat,
            RehandshakeInterval = rehandshake,
            Decode = !result.GetValue(NoDecode),
            Threads = result.GetValue(Threads) ?? Environment.ProcessorCount,
            JitterTargetMs = buffer.TotalMilliseconds,
        };
        return true;
    }

    private static bool TryImpairment(ParseResult result, out ImpairmentProfile profile, out string error)
    {
        profile = ImpairmentProfile.None;
        error = string.Empty;
        double loss = 0;
        if (result.GetValue(Loss) is { } l && !Units.TryParseFraction(l, out loss))
        {
            error = $"--loss '{l}' is not a percentage between 0% and 100% (e.g. 5%)";
            return false;
        }

        (double, double)? gilbert = null;
        if (result.GetValue(LossModel) is { } model)
        {
            var parts = model.StartsWith("gilbert:", StringComparison.OrdinalIgnoreCase) ? model[8..].Split(',') : [];
            if (parts.Length != 2 || !Units.TryParseFraction(parts[0], out var p) || !Units.TryParseFraction(parts[1], out var r) || r == 0)
            {
                error = $"--loss-model '{model}' is not gilbert:p,r with 0 <= p <= 1 and 0 < r <= 1 (e.g. gilbert:0.02,0.25)";
                return false;
            }

            gilbert = (p, r);
        }

        var latency = TimeSpan.Zero;
        if (result.GetValue(Latency) is { } lat && !Units.TryParseDuration(lat, out latency))
        {
            error = $"--latency '{lat}' is not a duration (e.g. 80ms)";
            return false;
        }

        var jitter = TimeSpan.Zero;
        if (result.GetValue(Jitter) is { } jit && !Units.TryParseDuration(jit, out jitter))
        {
            error = $"--jitter '{jit}' is not a duration (e.g. 30ms)";
            return false;
        }

        var outages = new List<OutageSchedule>();
        foreach (var text in result.GetValue(Outage) ?? [])
        {
            if (!OutageSchedule.TryParse(text, out var schedule, out var why))
            {
                error = $"--outage: {why}";
                return false;
            }

            outages.Add(schedule!);
        }

        long bandwidth = 0;
        if (result.GetValue(Bandwidth) is { } bw && !Units.TryParseBitRate(bw, out bandwidth))
        {
            error = $"--bandwidth '{bw}' is not a bit rate (e.g. 64kbit)";
            return false;
        }

        profile = new ImpairmentProfile
        {
            Loss = loss,
            Gilbert = gilbert,
            Latency = latency,
            Jitter = jitter,
            Outages = outages,
            BandwidthBitsPerSecond = bandwidth,
        };
        return true;
    }
}
