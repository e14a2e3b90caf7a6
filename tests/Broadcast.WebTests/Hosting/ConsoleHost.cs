using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Broadcast.FirmwareSim;
using Broadcast.Protocol.Identity;
using Broadcast.Server;
using Broadcast.Tests.Common;
using Broadcast.Topology;
using Microsoft.AspNetCore.Builder;

namespace Broadcast.WebTests.Hosting;

/// <summary>
/// The real controller host on free loopback ports with a temp data directory, the clusters of some communes
/// provisioned as a technician does it, and simulators started on demand for chosen communes.
/// </summary>
internal sealed class ConsoleHost : IAsyncDisposable
{
    private const int MinPoolThreads = 32;

    private readonly TempDirectory _data;
    private readonly WebApplication _app;
    private readonly List<SimulatorHost> _simulators = [];

    private ConsoleHost(TempDirectory data, WebApplication app, Uri address, int mqttPort, int udpPort, HttpClient admin)
    {
        _data = data;
        _app = app;
        Address = address;
        MqttPort = mqttPort;
        UdpPort = udpPort;
        Admin = admin;
    }

    /// <summary>Where the console is served, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Address { get; }

    public int MqttPort { get; }

    public int UdpPort { get; }

    /// <summary>An API client signed in as the first admin (or an anonymous one when accounts are off).</summary>
    public HttpClient Admin { get; }

    public string CredentialsDirectory => Path.Combine(_data.Path, "credentials");

    public static async Task<ConsoleHost> StartAsync(ConsoleHostOptions options)
    {
        // Controller, simulator and test share one process and thread pool (see the integration tests' ControllerRig).
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, MinPoolThreads), io);
        var data = new TempDirectory();
        try
        {
            var mqttPort = FreePorts.Tcp();
            var udpPort = FreePorts.Udp();
            var httpPort = FreePorts.Tcp();
            Provision(data.Path, mqttPort, options.ProvisionedCommunes);
            string[] accounts = options.Accounts
                ? [ApiAuth.HostArgument]
                : ["--environment", "Development", "--Accounts:Enabled=false"];
            var app = ServerApp.Build([
                "--data-dir", data.Path,
                "--topology", RepoPaths.BatXatTopology,
                "--urls", $"http://127.0.0.1:{httpPort}",
                $"--Broker:Port={mqttPort}",
                $"--Media:UdpBind=127.0.0.1:{udpPort}",
                "--Broker:ReconnectDelay=00:00:00.200",
                "--Logging:LogLevel:Default=Warning",
                .. accounts,
            ]);
            await app.StartAsync();
            var address = new Uri($"http://127.0.0.1:{httpPort}/");
            var admin = new HttpClient { BaseAddress = address };
            if (options.Accounts)
            {
                await ApiAuth.AuthorizeAsync(admin);
            }

            return new ConsoleHost(data, app, address, mqttPort, udpPort, admin);
        }
        catch
        {
            data.Dispose();
            throw;
        }
    }

    private static void Provision(string dataDir, int mqttPort, IReadOnlyList<string> communes)
    {
        var topology = TopologyLoader.Load(RepoPaths.BatXatTopology);
        var credentials = Directory.CreateDirectory(Path.Combine(dataDir, "credentials")).FullName;
        using var identity = ControllerIdentity.Generate();
        identity.Save(Path.Combine(dataDir, "controller.key.json"));
        var registry = JsonEndpointRegistry.Open(Path.Combine(dataDir, "endpoints.json"));
        var provisioner = new EndpointProvisioner(registry, identity, topology.District.Id, new Uri($"mqtt://127.0.0.1:{mqttPort}"));
        foreach (var p in topology.Clusters.Where(p => communes.Contains(p.Commune.Id)))
        {
            provisioner.Provision(p.Cluster.Id, p.Commune.Id, p.Hamlet.Id, p.Cluster.Bind, Path.Combine(credentials, p.Cluster.Id + ".json"));
        }
    }

    /// <summary>Starts simulated clusters for the given communes and waits until every one holds a session.</summary>
    public async Task<SimulatorHost> StartSimulatorAsync(params string[] communeIds)
    {
        var topology = SubTopology.Write(Path.Combine(_data.Path, $"sim-{string.Join('+', communeIds)}.json"), communeIds);
        var sim = await SimulatorHost.StartAsync(new SimulatorOptions
        {
            TopologyPath = topology,
            CredentialsDirectory = CredentialsDirectory,
            ControllerMqtt = new Uri($"mqtt://127.0.0.1:{MqttPort}"),
            ControllerUdp = $"127.0.0.1:{UdpPort}",
        });
        _simulators.Add(sim);
        if (!await sim.WaitUntilHandshakesAsync(timeout: TimeSpan.FromSeconds(60)))
        {
            throw new TimeoutException($"only {sim.HandshakesCompleted} of {sim.ClusterIds.Count} simulated clusters of {string.Join(", ", communeIds)} completed the handshake");
        }

        return sim;
    }

    /// <summary>Creates an account and replaces its one-time password, so that the browser signs in straight away.</summary>
    public async Task CreateUserAsync(string name, string password, object spec)
    {
        var body = JsonSerializer.SerializeToElement(spec);
        var fields = body.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value);
        fields["name"] = name;
        fields["password"] = password + "-first";
        using (var created = await Admin.PostAsJsonAsync("/api/accounts", fields))
        {
            await EnsureAsync(created, $"create account {name}");
        }

        using var user = new HttpClient { BaseAddress = Address };
        await ApiAuth.AuthorizeAsync(user, name, password + "-first");
        using var changed = await user.PostAsJsonAsync("/api/auth/password", new { currentPassword = password + "-first", newPassword = password });
        await EnsureAsync(changed, $"change the one-time password of {name}");
    }

    /// <summary>Uploads a WAV programme through the API; returns its library id.</summary>
    public async Task<string> UploadAsync(string title, string category, float[] samples, int sampleRate, string? commune = null)
    {
        var wav = Path.Combine(_data.Path, $"{Guid.NewGuid():N}.wav");
        Signals.WriteWav16(wav, samples, sampleRate);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(title), "title" },
            { new StringContent(category), "category" },
        };
        if (commune is not null)
        {
            form.Add(new StringContent(commune), "commune");
        }

        var file = new ByteArrayContent(await File.ReadAllBytesAsync(wav));
        file.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        form.Add(file, "file", Path.GetFileName(wav));
        using var response = await Admin.PostAsync(new Uri("/api/programmes", UriKind.Relative), form);
        await EnsureAsync(response, $"upload {title}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    /// <summary>Submits a programme as the admin and approves it as <paramref name="approver"/> (the four-eyes rule wants two people).</summary>
    public async Task ApproveAsync(string programmeId, string approver, string password)
    {
        using (var submitted = await Admin.PostAsync(new Uri($"/api/bulletins/{programmeId}/submit", UriKind.Relative), null))
        {
            await EnsureAsync(submitted, $"submit {programmeId}");
        }

        using var http = new HttpClient { BaseAddress = Address };
        await ApiAuth.AuthorizeAsync(http, approver, password);
        using var approved = await http.PostAsJsonAsync($"/api/bulletins/{programmeId}/approve", new { note = "test fixture" });
        await EnsureAsync(approved, $"approve {programmeId} as {approver}");
    }

    public async Task<JsonElement> GetAsync(string path) =>
        await Admin.GetFromJsonAsync<JsonElement>(new Uri(path, UriKind.Relative));

    /// <summary>Starts a broadcast as the admin; returns its id.</summary>
    public async Task<long> StartBroadcastAsync(string programme, string target, string priority)
    {
        using var response = await Admin.PostAsJsonAsync("/api/broadcasts", new { programme, target, priority });
        await EnsureAsync(response, $"start {programme} to {target}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    /// <summary>Ends whatever plays, so that each test starts from a quiet district.</summary>
    public async Task StopAllBroadcastsAsync()
    {
        foreach (var b in (await GetAsync("/api/broadcasts")).EnumerateArray())
        {
            using var _ = await Admin.DeleteAsync(new Uri($"/api/broadcasts/{b.GetProperty("id").GetInt64()}", UriKind.Relative));
        }
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var sim in _simulators)
        {
            await sim.DisposeAsync();
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
        Admin.Dispose();
        _data.Dispose();
    }
}
