using System.Diagnostics;
using System.Net;
using Broadcast.FirmwareSim.Attack;
using Broadcast.FirmwareSim.Cluster;
using Broadcast.FirmwareSim.Impairment;
using Broadcast.FirmwareSim.Playout;
using Broadcast.FirmwareSim.Recording;
using Broadcast.FirmwareSim.Report;
using Broadcast.Protocol.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Broadcast.FirmwareSim;

/// <summary>
/// In-process entry for integration tests and the command line: starts every cluster, the shared playout loop
/// and the maintenance loop (reconnects, Hello retries, heartbeats); <see cref="StopAsync"/> returns the report.
/// </summary>
public sealed class SimulatorHost : IAsyncDisposable
{
    private readonly SimContext _context;
    private readonly List<SimCluster> _clusters;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<PlayoutLoop> _playout;
    private readonly TimeSpan _cpuAtStart;
    private List<UdpReceivePump> _receive = [];
    private Task _playoutTask = Task.CompletedTask;
    private Task _maintainTask = Task.CompletedTask;
    private Task _attackTask = Task.CompletedTask;
    private AttackEngine? _attack;
    private SimReport? _report;

    private SimulatorHost(SimContext context, string district, List<SimCluster> clusters, IReadOnlyList<EndpointRegistration> registrations)
    {
        _context = context;
        District = district;
        _clusters = clusters;
        Registrations = registrations;
        _playout = [.. Shards(clusters, context.Options.Threads).Select(shard => new PlayoutLoop(shard, context.Clock))];
        _cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;
    }

    /// <summary>District id the clusters use in their topics.</summary>
    public string District { get; }

    /// <summary>Registry entries of the clusters (what the controller must know), generated or from credentials.</summary>
    public IReadOnlyList<EndpointRegistration> Registrations { get; }

    /// <summary>Cluster ids in topology order.</summary>
    public IReadOnlyList<string> ClusterIds => _clusters.Select(c => c.Spec.Id).ToList();

    internal IReadOnlyList<SimCluster> Clusters => _clusters;

    /// <summary>Wall-clock instant of recording sample 0 (recordings are time-aligned from here).</summary>
    public DateTimeOffset StartedAt => _context.Clock.StartWall;

    /// <summary>Number of clusters with a session.</summary>
    public int HandshakesCompleted => _clusters.Count(c => c.HandshakeOk);

    /// <summary>Starts the simulator. Throws <see cref="SimulatorSetupException"/> for a setup a technician must fix.</summary>
    public static async Task<SimulatorHost> StartAsync(SimulatorOptions options, ILoggerFactory? loggers = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var logger = (loggers ?? NullLoggerFactory.Instance).CreateLogger("Broadcast.FirmwareSim");
        var (district, identities) = ClusterSource.Load(options);
        if (options.RegistryPath is not null)
        {
            ClusterSource.WriteRegistry(options.RegistryPath, identities);
        }

        // The topology's own impairments first, then --impair: the last match wins, so the command line overrides the file.
        List<GroupImpairment> groups = [.. TopologyImpairments.Load(options.TopologyPath), .. options.GroupImpairments];
        foreach (var group in groups.Where(g => !identities.Exists(i => g.Matches(i.Spec))))
        {
            SimulatorLog.ImpairmentMatchesNothing(logger, group.Selector);
        }

        var udp = ResolveControllerUdp(options);
        var context = new SimContext(options, new SimClock(options.Time), logger, udp);
        var clusters = new List<SimCluster>(identities.Count);
        var attackers = ClusterSource.AttackerCount(options);
        var firstAttacker = identities.Count - Math.Min(attackers, identities.Count);
        for (var i = 0; i < identities.Count; i++)
        {
            var identity = identities[i];
            var profile = identity.Spec.DeadZone && options.DeadZoneImpairment is { } dz ? dz : options.Impairment;
            profile = groups.LastOrDefault(g => g.Matches(identity.Spec))?.Profile ?? profile;
            AttackerState? attack = null;
            if (i >= firstAttacker && attackers > 0)
            {
                var kinds = AttackKinds.ForAttacker(options.Attacks, i - firstAttacker, attackers);
                attack = new AttackerState(kinds);
                AttackLog.AttackerChosen(logger, identity.Spec.Id, string.Join(',', AttackKinds.Names(kinds)));
            }

            clusters.Add(new SimCluster(identity.Spec, identity.KeyPair, identity.ControllerKey, identity.District, context, profile, StableSeed(options.Seed, identity.Spec.Id))
            {
                Attack = attack,
                SkipOriginCheck = options.TestOnlySkipOriginCheck.Contains(identity.Spec.Id),
            });
        }

        var registrations = identities
            .Select(i => new EndpointRegistration(i.Spec.Id, i.Spec.Commune, i.Spec.Hamlet, i.KeyPair.PublicKey, IpBinding.Parse(i.Spec.Bind)))
            .ToList();
        var host = new SimulatorHost(context, district, clusters, registrations);
        SimulatorLog.Started(logger, clusters.Count, district, options.ControllerMqtt, udp);

        // Connect in bounded parallel batches: 3,000 simultaneous TCP connects would overflow the broker's backlog.
        await Parallel.ForEachAsync(clusters, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken }, async (c, ct) => await c.StartAsync(ct).ConfigureAwait(false)).ConfigureAwait(false);
        host._receive = [.. Shards(clusters, options.Threads).Select(shard => new UdpReceivePump(shard))];
        host._receive.ForEach(r => r.Start());
        host._playoutTask = Task.WhenAll(host._playout.Select(p =>
            Task.Factory.StartNew(() => p.RunAsync(host._stop.Token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap()));
        host._maintainTask = Task.Run(() => host.MaintainAsync(host._stop.Token), CancellationToken.None);
        if (attackers > 0)
        {
            host._attack = new AttackEngine(context, clusters);
            host._attackTask = Task.Run(() => host._attack.RunAsync(host._stop.Token), CancellationToken.None);
        }

        return host;
    }

    /// <summary>Waits until <paramref name="count"/> clusters (default all) hold a session; false on timeout.</summary>
    public async Task<bool> WaitUntilHandshakesAsync(int? count = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var want = count ?? _clusters.Count;
        var deadline = _context.Clock.Elapsed + (timeout ?? TimeSpan.FromSeconds(30));
        while (HandshakesCompleted < want)
        {
            if (_context.Clock.Elapsed >= deadline)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), _context.Clock.Time, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>Live figures of every cluster (same shape as the report).</summary>
    public IReadOnlyList<ClusterReport> Snapshot() => _clusters.Select(ToReport).ToList();

    /// <summary>What cluster <paramref name="id"/> played so far (48 kHz mono floats from the simulator start), if recorded.</summary>
    public float[]? GetRecording(string id) =>
        _clusters.FirstOrDefault(c => c.Spec.Id == id)?.Read(c => c.Player.Recording?.ToFloat());

    /// <summary>
    /// Replaces the simulated link of cluster <paramref name="id"/> from now on; outage times still count from the
    /// simulator's start. For test rigs that start the simulator with their own options and impair one cluster later.
    /// </summary>
    internal void Impair(string id, ImpairmentProfile profile) =>
        (_clusters.FirstOrDefault(c => c.Spec.Id == id) ?? throw new ArgumentException($"no simulated cluster {id}", nameof(id))).Impair(profile);

    /// <summary>Cluster <paramref name="id"/> renews its session within a second, as its periodic re-handshake would (test rigs).</summary>
    internal void Rehandshake(string id) =>
        (_clusters.FirstOrDefault(c => c.Spec.Id == id) ?? throw new ArgumentException($"no simulated cluster {id}", nameof(id))).RequestRehandshake();

    /// <summary>Stops every cluster, writes the report and recordings the options ask for, and returns the report.</summary>
    public async Task<SimReport> StopAsync()
    {
        if (_report is not null)
        {
            return _report;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        _receive.ForEach(r => r.Dispose());
        await _playoutTask.ConfigureAwait(false);
        await _maintainTask.ConfigureAwait(false);
        await _attackTask.ConfigureAwait(false);
        if (_attack is not null)
        {
            await _attack.DisposeAsync().ConfigureAwait(false);
        }

        var entries = Snapshot();
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - _cpuAtStart).TotalSeconds;
        _report = new SimReport
        {
            District = District,
            Seconds = _context.Clock.Elapsed.TotalSeconds,
            CpuSeconds = cpu,
            Clusters = entries,
            Totals = ReportTotals.From(entries),
        };
        var options = _context.Options;
        if (options.RecordDirectory is not null)
        {
            Directory.CreateDirectory(options.RecordDirectory);
            foreach (var c in _clusters)
            {
                var pcm = c.Read(x => x.Player.Recording?.ToPcm16());
                if (pcm is not null)
                {
                    WavWriter.Write(Path.Combine(options.RecordDirectory, c.Spec.Id + ".wav"), pcm);
                }
            }
        }

        if (options.ReportPath is not null)
        {
            _report.Save(options.ReportPath);
        }

        SimulatorLog.Stopped(_context.Logger, _report.Seconds, _report.Totals.HandshakeOk, _clusters.Count, cpu);
        foreach (var c in _clusters)
        {
            if (!options.RecordInMemory)
            {
                await c.DisposeAsync().ConfigureAwait(false);
            }
        }

        return _report;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        foreach (var c in _clusters)
        {
            await c.DisposeAsync().ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    private async Task MaintainAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), _context.Clock.Time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                await Parallel.ForEachAsync(_clusters, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken }, async (c, ct) =>
                {
                    try
                    {
                        await c.MaintainAsync(ct).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        SimulatorLog.MaintainFailed(_context.Logger, e.Message);
                    }
                }).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static ClusterReport ToReport(SimCluster cluster) => cluster.Read(c => new ClusterReport
    {
        Id = c.Spec.Id,
        Commune = c.Spec.Commune,
        Hamlet = c.Spec.Hamlet,
        Attacker = c.Attack is not null,
        PlayedFromAttackerMs = c.Player.Stats.AttackerFrames * 20,
        AttackerPacketsReceived = c.AttackerPacketsSeen,
        Attack = c.Attack?.ToReport(),
        HandshakeOk = c.HandshakeOk,
        Online = c.Online,
        Handshakes = c.Handshakes,
        PacketsReceived = c.PacketsReceived,
        PacketsLost = c.PacketsLost,
        PacketsRejected = new RejectReport(c.Rejected.Auth, c.Rejected.Replay, c.Player.Stats.Late, c.Rejected.Malformed),
        PlayedMs = c.Player.Stats.PlayedFrames * 20,
        ConcealedMs = c.Player.Stats.ConcealedFrames * 20,
        FecMs = c.Player.Stats.FecFrames * 20,
        Underruns = c.Player.Buffer.Underruns,
        SkewMs = Math.Round(c.Player.Stats.MeanSkewMs, 3),
        BufferMs = Math.Round(c.Player.Delay.TargetMs, 1),
        Outages = c.Player.Stats.Outages,
        OutageWindows = [.. c.Player.Stats.OutageWindows],
        LongestGapMs = c.Player.Stats.LongestGapMs,
        LinkDropped = c.LinkDropped,
        Fault = c.Fault,
    });

    private static IPEndPoint ResolveControllerUdp(SimulatorOptions options)
    {
        var text = options.ControllerUdp;
        if (string.IsNullOrWhiteSpace(text))
        {
            text = options.ControllerMqtt.Host + ":5004";
        }

        if (IPEndPoint.TryParse(text, out var endpoint) && endpoint.Port != 0)
        {
            return endpoint;
        }

        var colon = text.LastIndexOf(':');
        if (colon > 0 && int.TryParse(text[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536)
        {
            var addresses = Dns.GetHostAddresses(text[..colon]);
            if (addresses.Length > 0)
            {
                return new IPEndPoint(addresses[0], port);
            }
        }

        throw new SimulatorSetupException($"--controller-udp '{text}' is not HOST:PORT");
    }

    /// <summary>
    /// Clusters dealt round robin over <paramref name="threads"/> playout loops and receive threads: Opus decoding
    /// (about 40% of the simulator's CPU, measured) then uses every core instead of one (docs/benchmarks.md,
    /// "Simulator capacity").
    /// </summary>
    private static IEnumerable<List<SimCluster>> Shards(List<SimCluster> clusters, int threads)
    {
        var count = Math.Clamp(threads, 1, Math.Max(1, clusters.Count));
        return Enumerable.Range(0, count).Select(k => clusters.Where((_, i) => i % count == k).ToList());
    }

    /// <summary>FNV-1a of the id mixed with the seed: the same seed gives every cluster the same draws on every run.</summary>
    internal static int StableSeed(int seed, string id)
    {
        var hash = 2166136261u ^ (uint)seed;
        foreach (var ch in id)
        {
            hash = (hash ^ ch) * 16777619u;
        }

        return (int)hash;
    }

    internal static ImpairmentProfile DefaultDeadZone => ImpairmentProfile.DeadZone;
}
