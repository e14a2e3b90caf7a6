using System.Net;
using System.Net.Sockets;
using Broadcast.Server;
using Broadcast.Tests.Common;
using Microsoft.AspNetCore.Builder;

namespace Broadcast.Monitoring.Tests.Support;

/// <summary>
/// The real controller host on loopback ports with a temp data directory (no endpoint provisioned), in the
/// Development environment with accounts off, so the caller is <c>local</c> and the permission table is not in play.
/// </summary>
public sealed class AlertsHostFixture : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _data = new();

    public WebApplication App { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var port = FreeTcpPort();
        App = ServerApp.Build([
            "--environment", "Development",
            "--Accounts:Enabled=false",
            "--data-dir", _data.Path,
            "--topology", RepoPaths.BatXatTopology,
            "--urls", $"http://127.0.0.1:{port}",
            $"--Broker:Port={FreeTcpPort()}",
            "--Media:UdpBind=127.0.0.1:0",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await App.StartAsync();
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
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
