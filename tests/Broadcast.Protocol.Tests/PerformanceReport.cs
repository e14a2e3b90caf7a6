using System.Diagnostics;
using System.Net;
using Broadcast.Protocol.Handshake;
using Broadcast.Protocol.Media;
using Xunit.Abstractions;

namespace Broadcast.Protocol.Tests;

/// <summary>
/// Quick Stopwatch figures printed to the test output (not asserted: the build host is shared). The
/// BenchmarkDotNet versions are in bench/Broadcast.Bench/ProtocolBenchmarks.cs.
/// </summary>
public sealed class PerformanceReport(ITestOutputHelper output)
{
    [Fact]
    public void Measure_HandshakesAndPackets_PrintsRates()
    {
        using var net = new TestNetwork();
        var ep = net.AddEndpoint("BX-TT-01", "10.0.0.0/8");
        var hello = new byte[HelloMessage.Size];
        var session = new byte[SessionMessage.Size];
        var address = IPAddress.Parse("10.0.0.1");
        int Handshake()
        {
            ep.Initiator.TryWriteHello(hello, out _);
            var result = net.Responder.ConsumeHello(hello, ep.Id, address, session);
            result.Keys?.Dispose();
            var ok = ep.Initiator.ConsumeSession(session, out var keys) == HandshakeStatus.Accepted;
            keys?.Dispose();
            return ok ? 1 : 0;
        }

        for (var i = 0; i < 50; i++)
        {
            Handshake();
        }

        const int handshakes = 500;
        var done = 0;
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < handshakes; i++)
        {
            done += Handshake();
        }

        var handshakeRate = handshakes / sw.Elapsed.TotalSeconds;
        Assert.Equal(handshakes, done);

        using var path = new MediaPathFixture();
        const int packets = 200_000;
        var lengths = 0;
        for (var i = 0; i < 10_000; i++)
        {
            path.SealAndTag((ushort)i);
        }

        sw.Restart();
        for (var i = 0; i < packets; i++)
        {
            lengths += path.SealAndTag((ushort)i);
        }

        var sealRate = packets / sw.Elapsed.TotalSeconds;
        var length = path.SealAndTag(0);
        var output2 = new byte[1400];

        // Full verify+open on fresh packets only.
        using var full = new MediaPathFixture();
        var fullWire = new byte[50_000][];
        for (var i = 0; i < fullWire.Length; i++)
        {
            fullWire[i] = full.Packet.AsSpan(0, full.SealAndTag((ushort)i)).ToArray();
        }

        var fullAccepted = 0;
        sw.Restart();
        foreach (var p in fullWire)
        {
            fullAccepted += full.Receiver.TryOpen(p, output2, out _, out _) == MediaOpenStatus.Ok ? 1 : 0;
        }

        var fullOpenRate = fullWire.Length / sw.Elapsed.TotalSeconds;
        Assert.Equal(fullWire.Length, fullAccepted);

        output.WriteLine($"handshakes/s (create + consume + finish, one thread): {handshakeRate:N0}");
        output.WriteLine($"seal+tag/s (160-byte payload): {sealRate:N0}");
        output.WriteLine($"verify+open/s (160-byte payload, fresh packets): {fullOpenRate:N0}");
        output.WriteLine($"wire bytes per packet: {length} (payload 160, overhead {length - 160}); total {lengths}");
        Assert.Equal(160 + SecureMediaLayout.Overhead, length);
    }
}
