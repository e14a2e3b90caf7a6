using System.Net;
using System.Net.Sockets;
using Broadcast.Controller.Hosting;
using Broadcast.Controller.Lab;
using Broadcast.Protocol.Rtp;
using Broadcast.Tests.Common;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Broadcast.Controller.Tests;

/// <summary>Lab mode inside the controller: the refusal, the warnings on a virtual clock, and the plain RTP tap.</summary>
public sealed class LabModeTests
{
    // LabModeLog.LabModeOn in Broadcast.Protocol (the "LAB MODE IS ON" line).
    private const int LabModeOnEventId = 3001;

    [Fact]
    public async Task HostStart_ProductionWithLabEnabled_RefusedNamingTheKey()
    {
        using var data = new TempDirectory();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Production, DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Controller:DataDir"] = data.Path,
            ["Controller:Topology"] = RepoPaths.BatXatTopology,
            ["Broker:Mode"] = "External",
            ["Media:UdpBind"] = "127.0.0.1:0",
            ["Lab:Enabled"] = "true",
        });
        builder.Services.AddBroadcastController(builder.Configuration);
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Lab:Enabled", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(data.Path, LabOptions.SdpFileName)));
    }

    [Fact]
    public async Task LabModeService_WhileOn_WarnsAtStartAndEveryMinuteUntilStopped()
    {
        using var data = new TempDirectory();
        var time = new FakeTimeProvider();
        var logger = new RecordingLogger<LabModeService>();
        using var tap = Tap(enabled: true, "127.0.0.1:5006", Environments.Development);
        using var service = new LabModeService(tap, Options.Create(new ControllerOptions { DataDir = data.Path }), time, logger);

        await service.StartAsync(CancellationToken.None);
        Assert.Equal(1, logger.Count(LabModeOnEventId));
        time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(1, logger.Count(LabModeOnEventId));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(2, logger.Count(LabModeOnEventId));
        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(4, logger.Count(LabModeOnEventId));

        await service.StopAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(4, logger.Count(LabModeOnEventId));
        Assert.All(logger.Levels(LabModeOnEventId), level => Assert.Equal(LogLevel.Warning, level));

        var sdp = await File.ReadAllTextAsync(Path.Combine(data.Path, LabOptions.SdpFileName));
        Assert.Contains("c=IN IP4 127.0.0.1\r\n", sdp, StringComparison.Ordinal);
        Assert.Contains("m=audio 5006 RTP/AVP 111\r\n", sdp, StringComparison.Ordinal);
        Assert.Contains("a=rtpmap:111 opus/48000/2\r\n", sdp, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LabModeService_Off_NoWarningNoSdp()
    {
        using var data = new TempDirectory();
        var time = new FakeTimeProvider();
        var logger = new RecordingLogger<LabModeService>();
        using var tap = Tap(enabled: false, "127.0.0.1:5006", Environments.Development);
        using var service = new LabModeService(tap, Options.Create(new ControllerOptions { DataDir = data.Path }), time, logger);

        await service.StartAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(3));

        Assert.False(tap.IsOn);
        Assert.Equal(0, logger.Count(LabModeOnEventId));
        Assert.False(File.Exists(Path.Combine(data.Path, LabOptions.SdpFileName)));
    }

    [Fact]
    public void Send_FirstChannelHoldsTheDestination_PlainRtpWithItsSsrc()
    {
        using var receiver = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 2000 };
        receiver.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        using var tap = Tap(enabled: true, receiver.LocalEndPoint!.ToString()!, Environments.Development);
        byte[] payload = [0xF8, 0xFF, 0xFE, 0x01, 0x02, 0x03];

        tap.Send(new RtpHeader(true, OpusRtp.PayloadType, 0, 0, 7), payload);
        tap.Send(new RtpHeader(true, OpusRtp.PayloadType, 0, 0, 8), payload); // channel 8 plays too: not copied
        tap.Send(new RtpHeader(false, OpusRtp.PayloadType, 1, 960, 7), payload);
        tap.Release(7);
        tap.Send(new RtpHeader(false, OpusRtp.PayloadType, 5, 4800, 8), payload); // 7 ended: 8 takes over

        var received = new List<(RtpHeader Header, byte[] Payload)>();
        var buffer = new byte[2048];
        for (var i = 0; i < 3; i++)
        {
            var length = receiver.Receive(buffer);
            Assert.True(RtpHeader.TryRead(buffer.AsSpan(0, length), out var header, out var consumed));
            received.Add((header, buffer.AsSpan(consumed, length - consumed).ToArray()));
        }

        Assert.Equal([7u, 7u, 8u], received.Select(r => r.Header.Ssrc));
        Assert.Equal([(ushort)0, (ushort)1, (ushort)5], received.Select(r => r.Header.SequenceNumber));
        Assert.Equal([0u, 960u, 4800u], received.Select(r => r.Header.Timestamp));
        Assert.All(received, r => Assert.Equal(OpusRtp.PayloadType, r.Header.PayloadType));
        Assert.True(received[0].Header.Marker);
        Assert.All(received, r => Assert.Equal(payload, r.Payload));
        Assert.Equal(3, tap.PacketsSent);
        Assert.Equal(0, tap.SendErrors);
    }

    [Fact]
    public void Send_Steady_AllocatesNothing()
    {
        using var receiver = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveBufferSize = 4 * 1024 * 1024 };
        receiver.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        using var tap = Tap(enabled: true, receiver.LocalEndPoint!.ToString()!, Environments.Development);
        var payload = new byte[120];
        for (var n = 0; n < 100; n++)
        {
            tap.Send(new RtpHeader(n == 0, OpusRtp.PayloadType, (ushort)n, (uint)(n * 960), 3), payload); // warm up
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var n = 100; n < 1100; n++)
        {
            tap.Send(new RtpHeader(false, OpusRtp.PayloadType, (ushort)n, (uint)(n * 960), 3), payload);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(1100, tap.PacketsSent);
    }

    [Theory]
    [InlineData(true, "Production", false)]
    [InlineData(false, "Development", true)]
    [InlineData(true, "Development", true)]
    [InlineData(true, "Staging", true)]
    public void Validator_LabEnabledOnlyOutsideProduction(bool enabled, string environment, bool valid)
    {
        var validator = new LabPolicyValidator(new HostingEnvironment { EnvironmentName = environment });

        var result = validator.Validate(null, new LabOptions { Enabled = enabled });

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Contains("Lab:Enabled", result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Validator_BadDestination_NamesTheKey()
    {
        var validator = new LabPolicyValidator(new HostingEnvironment { EnvironmentName = Environments.Development });

        var result = validator.Validate(null, new LabOptions { Enabled = true, Destination = "somewhere" });

        Assert.True(result.Failed);
        Assert.Contains("Lab:Destination", result.FailureMessage, StringComparison.Ordinal);
    }

    private static LabRtpTap Tap(bool enabled, string destination, string environment) =>
        new(Options.Create(new LabOptions { Enabled = enabled, Destination = destination }), new HostingEnvironment { EnvironmentName = environment });

    private sealed class RecordingLogger<T> : ILogger<T>
    {
        private readonly List<(int EventId, LogLevel Level)> _entries = [];

        public int Count(int eventId)
        {
            lock (_entries)
            {
                return _entries.Count(e => e.EventId == eventId);
            }
        }

        public IReadOnlyList<LogLevel> Levels(int eventId)
        {
            lock (_entries)
            {
                return [.. _entries.Where(e => e.EventId == eventId).Select(e => e.Level)];
            }
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_entries)
            {
                _entries.Add((eventId.Id, logLevel));
            }
        }
    }
}
