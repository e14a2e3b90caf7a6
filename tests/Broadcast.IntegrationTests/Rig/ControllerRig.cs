using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Broadcast.Controller.Metrics;
using Broadcast.FirmwareSim;
using Broadcast.Protocol.Identity;
using Broadcast.Server;
using Broadcast.Tests.Common;
using Broadcast.Topology;
using Microsoft.AspNetCore.Builder;

namespace Broadcast.IntegrationTests.Rig;

/// <summary>
/// The real controller host (Kestrel API, embedded or external MQTT broker, UDP media socket) and the real simulator
/// in one process on loopback. Every cluster of the topology is provisioned the way a technician does it
/// (<see cref="EndpointProvisioner"/>: registry entry + credentials file), so each simulated cluster binds its own
/// 127.x address from its credentials and the controller checks it against the registry.
/// </summary>
internal sealed class ControllerRig : IAsyncDisposable
{
    public const int Rate = 48_000;

    private const int MinPoolThreads = 32;

    private readonly TempDirectory _data;
    private readonly WebApplication _app;
    private bool _stopped;

    private ControllerRig(TempDirectory data, WebApplication app, SimulatorHost sim, HttpClient http, IReadOnlyList<ClusterPlacement> clusters, TimeSpan cpuAtStart)
    {
        _data = data;
        _app = app;
        Sim = sim;
        Http = http;
        Clusters = clusters;
        CpuAtStart = cpuAtStart;
    }

    public SimulatorHost Sim { get; }

    public HttpClient Http { get; }

    /// <summary>The simulated clusters, in topology order.</summary>
    public IReadOnlyList<ClusterPlacement> Clusters { get; }

    /// <summary>From the simulator's start to the last expected handshake.</summary>
    public TimeSpan HandshakeTime { get; private set; }

    /// <summary>Process CPU time when the rig started (controller and simulator share the process).</summary>
    public TimeSpan CpuAtStart { get; }

    public string DataDir => _data.Path;

    public static async Task<ControllerRig> StartAsync(RigOptions options)
    {
        // Controller, broker, simulator and test share one process and its thread pool. With the default minimum
        // (one worker per core: 2 here) the pool stalled ~450 ms at the start of a broadcast: UDP receive loops of
        // the simulated clusters ran late, arrivals looked 440 ms late, and the jitter buffers grew by as much
        // (seen as a 440 ms hole in every recording). Separate processes in the field do not share a pool; here we
        // give the pool headroom so that the tests judge the protocol, not hill-climbing thread injection.
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, MinPoolThreads), io);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var data = new TempDirectory();
        try
        {
            var topology = TopologyLoader.Load(RepoPaths.BatXatTopology);
            var clusters = topology.Clusters.Take(options.ClusterCount ?? int.MaxValue).ToList();
            var mqttPort = options.ExternalBrokerPort ?? FreePorts.Tcp();
            var udpPort = FreePorts.Udp();
            var httpPort = FreePorts.Tcp();
            var credentials = Directory.CreateDirectory(Path.Combine(data.Path, "credentials")).FullName;
            using (var identity = ControllerIdentity.Generate())
            {
                identity.Save(Path.Combine(data.Path, "controller.key.json"));
                var registry = JsonEndpointRegistry.Open(Path.Combine(data.Path, "endpoints.json"));
                var provisioner = new EndpointProvisioner(registry, identity, topology.District.Id, new Uri($"mqtt://127.0.0.1:{mqttPort}"));
                foreach (var p in clusters)
                {
                    provisioner.Provision(p.Cluster.Id, p.Commune.Id, p.Hamlet.Id, p.Cluster.Bind, Path.Combine(credentials, p.Cluster.Id + ".json"));
                }

                options.AfterProvisioning?.Invoke(registry);
            }

            string[] broker = options.ExternalBrokerPort is { } external
                ? ["--Broker:Mode=External", "--Broker:Host=127.0.0.1", $"--Broker:Port={external}"]
                : [$"--Broker:Port={mqttPort}"];
            var app = ServerApp.Build([
                "--data-dir", data.Path,
                "--topology", RepoPaths.BatXatTopology,
                "--urls", $"http://127.0.0.1:{httpPort}",
                $"--Media:UdpBind=127.0.0.1:{udpPort}",
                "--Broker:ReconnectDelay=00:00:00.200",
                "--Logging:LogLevel:Default=Warning",
                ApiAuth.HostArgument,
                .. broker,
                .. options.ControllerArgs,
            ]);
            await app.StartAsync();

            var clock = Stopwatch.StartNew();
            var sim = await SimulatorHost.StartAsync(new SimulatorOptions
            {
                TopologyPath = RepoPaths.BatXatTopology,
                ClusterCount = clusters.Count,
                CredentialsDirectory = credentials,
                ControllerMqtt = new Uri($"mqtt://127.0.0.1:{mqttPort}"),
                ControllerUdp = $"127.0.0.1:{udpPort}",
                RecordInMemory = true,
            });
            var expected = clusters.Count - options.ExpectedRefused.Count;
            var http = await ApiAuth.AuthorizeAsync(new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}") });
            var rig = new ControllerRig(data, app, sim, http, clusters, cpu);
            if (!await sim.WaitUntilHandshakesAsync(expected, options.HandshakeTimeout))
            {
                await rig.DisposeAsync();
                throw new TimeoutException($"only {sim.HandshakesCompleted} of {expected} clusters completed the handshake within {options.HandshakeTimeout.TotalSeconds} s");
            }

            rig.HandshakeTime = clock.Elapsed;
            return rig;
        }
        catch
        {
            data.Dispose();
            throw;
        }
    }

    /// <summary>Ids of the simulated clusters of one commune.</summary>
    public IReadOnlyList<string> ClustersOf(string communeId) =>
        [.. Clusters.Where(c => c.Commune.Id == communeId).Select(c => c.Cluster.Id)];

    public async Task<PostResult> PostBroadcastAsync(string programme, string target, string priority)
    {
        var postedAt = TimeProvider.System.GetUtcNow();
        using var response = await Http.PostAsJsonAsync("/api/broadcasts", new { programme, target, priority });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new PostResult(response.StatusCode, body, postedAt);
    }

    public async Task<System.Net.HttpStatusCode> DeleteBroadcastAsync(long id)
    {
        using var response = await Http.DeleteAsync(new Uri($"/api/broadcasts/{id}", UriKind.Relative));
        return response.StatusCode;
    }

    /// <summary>Ends whatever still plays, so the next test of a shared rig starts from a quiet district.</summary>
    public async Task StopAllBroadcastsAsync()
    {
        foreach (var b in (await Http.GetFromJsonAsync<JsonElement>("/api/broadcasts")).EnumerateArray())
        {
            await DeleteBroadcastAsync(b.GetProperty("id").GetInt64());
        }
    }

    /// <summary>Sleeps until a controller wall-clock instant.</summary>
    public static async Task SleepUntilAsync(DateTimeOffset instant)
    {
        var wait = instant - TimeProvider.System.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }
    }

    public async Task<MetricsSnapshot> MetricsAsync() =>
        (await Http.GetFromJsonAsync<MetricsSnapshot>("/api/metrics"))!;

    public async Task<IReadOnlyList<JsonElement>> EndpointsAsync() =>
        [.. (await Http.GetFromJsonAsync<JsonElement>("/api/endpoints")).EnumerateArray()];

    /// <summary>What cluster <paramref name="id"/> is playing now: channel and the playout start of its last Play.</summary>
    public (uint Channel, DateTimeOffset PlayoutStart) PlayerState(string id) =>
        Sim.Clusters.Single(c => c.Spec.Id == id).Read(c => (c.Player.Channel, c.Player.PlayoutStart));

    /// <summary>Waits until every cluster of <paramref name="ids"/> plays <paramref name="channel"/>; returns their common playout start.</summary>
    public async Task<DateTimeOffset> WaitUntilPlayingAsync(IEnumerable<string> ids, uint channel, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var pending = ids.ToList();
        DateTimeOffset start = default;
        while (true)
        {
            pending.RemoveAll(id =>
            {
                var (playing, at) = PlayerState(id);
                if (playing != channel)
                {
                    return false;
                }

                Assert.True(start == default || start == at, $"{id} was told playout start {at:O}, another cluster {start:O}");
                start = at;
                return true;
            });
            if (pending.Count == 0)
            {
                return start;
            }

            Assert.True(clock.Elapsed < timeout, $"{pending.Count} clusters never got Play for channel {channel} (first: {pending[0]}, playing {PlayerState(pending[0]).Channel})");
            await Task.Delay(20);
        }
    }

    /// <summary>Recording sample index of a controller wall-clock instant (sample 0 = the simulator's start).</summary>
    public long SampleOf(DateTimeOffset instant) => (long)Math.Round((instant - Sim.StartedAt).TotalSeconds * Rate);

    public DateTimeOffset InstantOf(long sample) => Sim.StartedAt + TimeSpan.FromSeconds((double)sample / Rate);

    public float[] Recording(string id) => Sim.GetRecording(id) ?? throw new InvalidOperationException($"no recording for {id}");

    /// <summary>Process CPU seconds since the rig started.</summary>
    public double CpuSeconds => (Process.GetCurrentProcess().TotalProcessorTime - CpuAtStart).TotalSeconds;

    /// <summary>Stops the simulator (the recordings stay readable) and then the controller.</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        await Sim.StopAsync();
        await _app.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await Sim.DisposeAsync();
        await _app.DisposeAsync();
        Http.Dispose();
        _data.Dispose();
    }
}
