using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Broadcast.Audio.Codec;
using Broadcast.Audio.Ogg;
using Broadcast.Tests.Common;
using Microsoft.AspNetCore.Builder;

namespace Broadcast.Server.Tests;

/// <summary>
/// The real host (ServerApp) in-process in a given environment, on free loopback ports, with a fresh data dir, for the
/// lab-mode tests; each test builds its own because the environment and the Lab section differ.
/// </summary>
internal sealed class LabHost : IAsyncDisposable
{
    private readonly TempDirectory _data;

    private LabHost(TempDirectory data, WebApplication app, HttpClient http)
    {
        _data = data;
        App = app;
        Http = http;
    }

    public WebApplication App { get; }

    public HttpClient Http { get; }

    public string DataDir => _data.Path;

    /// <summary>Host arguments for <paramref name="environment"/> plus <paramref name="extra"/>; the HTTP port is chosen here.</summary>
    public static string[] Arguments(string dataDir, string environment, int httpPort, params string[] extra) =>
    [
        "--environment", environment,
        "--data-dir", dataDir,
        "--topology", RepoPaths.BatXatTopology,
        "--urls", $"http://127.0.0.1:{httpPort}",
        $"--Broker:Port={FreeTcpPort()}",
        "--Media:UdpBind=127.0.0.1:0",
        "--Broker:ReconnectDelay=00:00:00.200",
        ApiAuth.HostArgument,
        .. extra,
    ];

    public static async Task<LabHost> StartAsync(string environment, params string[] extra)
    {
        var data = new TempDirectory();
        var http = FreeTcpPort();
        var app = ServerApp.Build(Arguments(data.Path, environment, http, extra));
        await app.StartAsync();
        return new LabHost(data, app, await ApiAuth.AuthorizeAsync(new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{http}") }));
    }

    /// <summary>Writes an Ogg Opus file of a sine (20 ms frames, as the streaming engine needs) into the data dir.</summary>
    public string WriteSineProgramme(float[] pcm)
    {
        var file = Path.Combine(DataDir, "sine.opus");
        using var stream = File.Create(file);
        OggOpusFile.Encode(stream, pcm, new OpusEncoderSettings());
        return file;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        _data.Dispose();
    }

    public static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A free UDP port whose successor is free too (an RTP receiver binds port + 1 for RTCP).</summary>
    public static int FreeRtpPort()
    {
        while (true)
        {
            using var rtp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            rtp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var port = ((IPEndPoint)rtp.LocalEndPoint!).Port;
            if (port >= 65535)
            {
                continue;
            }

            try
            {
                using var rtcp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                rtcp.Bind(new IPEndPoint(IPAddress.Any, port + 1));
                return port;
            }
            catch (SocketException)
            {
                // Taken: try another pair.
            }
        }
    }

    /// <summary>Whether some process has a UDP socket bound to <paramref name="port"/> (Linux /proc/net/udp{,6}).</summary>
    public static bool UdpPortBound(int port)
    {
        var needle = ":" + port.ToString("X4", CultureInfo.InvariantCulture) + " ";
        foreach (var table in new[] { "/proc/net/udp", "/proc/net/udp6" })
        {
            if (File.Exists(table) && File.ReadLines(table).Skip(1).Any(line => SplitLocal(line).EndsWith(needle, StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    // Column 2 of /proc/net/udp is local_address as HEXIP:HEXPORT.
    private static string SplitLocal(string line)
    {
        var columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return columns.Length > 1 ? columns[1] + " " : string.Empty;
    }
}
