using Broadcast.FirmwareSim.Attack;
using Broadcast.FirmwareSim.Impairment;

namespace Broadcast.FirmwareSim;

/// <summary>Everything a simulator run needs; built by the command line or by integration tests.</summary>
public sealed record SimulatorOptions
{
    /// <summary>Topology file (default config/district.bat-xat.json).</summary>
    public string TopologyPath { get; init; } = Path.Combine("config", "district.bat-xat.json");

    /// <summary>Number of clusters: the first N of the topology, synthetic ones beyond it; null = the whole topology.</summary>
    public int? ClusterCount { get; init; }

    /// <summary>Broker of the controller.</summary>
    public Uri ControllerMqtt { get; init; } = new("mqtt://127.0.0.1:1883");

    /// <summary>Controller's UDP media port, target of UDP registration; host "" = the MQTT host, port 5004.</summary>
    public string ControllerUdp { get; init; } = "";

    /// <summary>Directory of provisioned credentials files ({id}.json).</summary>
    public string? CredentialsDirectory { get; init; }

    /// <summary>Generate key pairs in process instead of loading credentials.</summary>
    public bool GenerateKeys { get; init; }

    /// <summary>Controller public key (base64) or controller identity file, needed with <see cref="GenerateKeys"/>.</summary>
    public string? ControllerKey { get; init; }

    /// <summary>Where to write the registry of generated endpoints (JSON array).</summary>
    public string? RegistryPath { get; init; }

    /// <summary>Run time; null = until cancelled.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>JSON report path.</summary>
    public string? ReportPath { get; init; }

    /// <summary>Directory for one WAV per cluster.</summary>
    public string? RecordDirectory { get; init; }

    /// <summary>Keep recordings in memory for <see cref="SimulatorHost.GetRecording"/> even without a directory.</summary>
    public bool RecordInMemory { get; init; }

    /// <summary>District id override (default: from the topology or the credentials).</summary>
    public string? District { get; init; }

    /// <summary>Impairment applied to every cluster.</summary>
    internal ImpairmentProfile Impairment { get; init; } = ImpairmentProfile.None;

    /// <summary>Impairment for dead-zone hamlets; null = same as everyone.</summary>
    internal ImpairmentProfile? DeadZoneImpairment { get; init; }

    /// <summary>Per-group impairments (--impair SELECTOR=PROFILE, topology "impairments"); the last match wins over <see cref="Impairment"/>.</summary>
    internal IReadOnlyList<GroupImpairment> GroupImpairments { get; init; } = [];

    /// <summary>Attack mode (--attack): what attacker clusters do; None = every cluster honest.</summary>
    public AttackKind Attacks { get; init; }

    /// <summary>Number of attacker clusters (--attackers); null = one per selected attack.</summary>
    public int? Attackers { get; init; }

    /// <summary>
    /// TEST SEAM, never bound to a command-line option: clusters (ids) that accept any origin tag, the negative
    /// control proving that <c>playedFromAttackerMs</c> would catch a receiver that does not check origins.
    /// </summary>
    internal IReadOnlySet<string> TestOnlySkipOriginCheck { get; init; } = new HashSet<string>();

    /// <summary>Seed of the impairment random generators.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Heartbeat period (sealed Status on the status topic plus UDP registration).</summary>
    public TimeSpan Heartbeat { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long a session lasts before the cluster re-handshakes while it keeps playing (protocol section 5.3: SHOULD
    /// every 2 hours); each cluster renews up to 10% earlier so that a district does not re-handshake in one burst.
    /// </summary>
    public TimeSpan RehandshakeInterval { get; init; } = TimeSpan.FromHours(2);

    /// <summary>
    /// Playout loops and UDP receive threads, each serving an equal share of the clusters (default: one per core).
    /// </summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// False for load tests (--no-decode): clusters take and report every playout decision (played, FEC, concealed)
    /// but decode no Opus, so they produce no audio. Recording always decodes.
    /// </summary>
    public bool Decode { get; init; } = true;

    /// <summary>Minimum (and initial) jitter buffer delay.</summary>
    public double JitterTargetMs { get; init; } = 60;

    /// <summary>Clock; tests may pass a fake one for the pure parts.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
