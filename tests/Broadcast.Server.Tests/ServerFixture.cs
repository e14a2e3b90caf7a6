using System.Net;
using System.Net.Sockets;
using Broadcast.Controller.Streaming;
using Broadcast.Protocol.Identity;
using Broadcast.Tests.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Broadcast.Server.Tests;

/// <summary>The real host in-process on free loopback ports, with a temp data dir holding two registered endpoints.</summary>
public sealed class ServerFixture : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _data = new();
    private WebApplication? _app;

    public StaticKeyPair InsideKey { get; } = StaticKeyPair.Generate();

    public StaticKeyPair OutsideKey { get; } = StaticKeyPair.Generate();

    public X25519PublicKey ControllerPublicKey { get; private set; } = null!;

    public int MqttPort { get; private set; }

    public int UdpPort { get; private set; }

    public HttpClient Http { get; private set; } = null!;

    public string DataDir => _data.Path;

    public async Task InitializeAsync()
    {
        using (var identity = ControllerIdentity.Generate())
        {
            identity.Save(Path.Combine(_data.Path, "controller.key.json"));
            ControllerPublicKey = identity.PublicKey;
        }

        var registry = JsonEndpointRegistry.Open(Path.Combine(_data.Path, "endpoints.json"));
        registry.Upsert(new EndpointRegistration("BX-BX-01", "thi-tran-bat-xat", "thi-tran-bat-xat-01", InsideKey.PublicKey, IpBinding.Parse("127.10.1.1/32")));
        registry.Upsert(new EndpointRegistration("BX-BX-03", "thi-tran-bat-xat", "thi-tran-bat-xat-02", OutsideKey.PublicKey, IpBinding.Parse("127.10.2.1/32")));

        var http = FreeTcpPort();
        MqttPort = FreeTcpPort();
        _app = ServerApp.Build([
            "--data-dir", _data.Path,
            "--topology", RepoPaths.BatXatTopology,
            "--urls", $"http://127.0.0.1:{http}",
            $"--Broker:Port={MqttPort}",
            "--Media:UdpBind=127.0.0.1:0",
            "--Broker:ReconnectDelay=00:00:00.200",
            ApiAuth.HostArgument,
        ]);
        await _app.StartAsync();
        UdpPort = _app.Services.GetRequiredService<UdpMediaSocket>().LocalEndPoint.Port;
        Http = await ApiAuth.AuthorizeAsync(new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{http}") });
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        InsideKey.Dispose();
        OutsideKey.Dispose();
        _data.Dispose();
    }

    public void Dispose() => _data.Dispose();

    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
