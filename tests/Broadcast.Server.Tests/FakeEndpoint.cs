using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Broadcast.Protocol.Control;
using Broadcast.Protocol.Handshake;
using Broadcast.Protocol.Identity;
using MQTTnet;

namespace Broadcast.Server.Tests;

/// <summary>A stand-in speaker cluster built from the protocol library: MQTT from a given loopback address plus a UDP socket.</summary>
internal sealed class FakeEndpoint : IAsyncDisposable
{
    private readonly IMqttClient _mqtt = new MqttClientFactory().CreateMqttClient();
    private readonly string _id;

    private FakeEndpoint(string id, IPAddress local)
    {
        _id = id;
        Local = local;
        Udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        Udp.Bind(new IPEndPoint(local, 0));
    }

    public IPAddress Local { get; }

    public Socket Udp { get; }

    public ConcurrentQueue<byte[]> Sessions { get; } = new();

    public ConcurrentQueue<byte[]> Commands { get; } = new();

    public static async Task<FakeEndpoint> ConnectAsync(string id, IPAddress local, int mqttPort)
    {
        var endpoint = new FakeEndpoint(id, local);
        endpoint._mqtt.ApplicationMessageReceivedAsync += e =>
        {
            var bytes = System.Buffers.BuffersExtensions.ToArray(e.ApplicationMessage.Payload);
            (e.ApplicationMessage.Topic.EndsWith("/session", StringComparison.Ordinal) ? endpoint.Sessions : endpoint.Commands).Enqueue(bytes);
            return Task.CompletedTask;
        };
        var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", mqttPort).WithClientId("ep-" + id).Build();
        ((MqttClientTcpOptions)options.ChannelOptions).LocalEndpoint = new IPEndPoint(local, 0);
        await endpoint._mqtt.ConnectAsync(options);
        await endpoint._mqtt.SubscribeAsync(Topics.Session("bat-xat", id).Topic);
        await endpoint._mqtt.SubscribeAsync(Topics.Command("bat-xat", id).Topic);
        return endpoint;
    }

    public async Task<SessionKeys> HandshakeAsync(StaticKeyPair key, X25519PublicKey controller, TimeSpan timeout)
    {
        using var handshake = new EndpointHandshake(key, controller, TimeProvider.System);
        await SendHelloAsync(handshake);
        var deadline = DateTimeOffsetNow() + timeout;
        while (DateTimeOffsetNow() < deadline)
        {
            if (Sessions.TryDequeue(out var session) && handshake.ConsumeSession(session, out var keys) == HandshakeStatus.Accepted && keys is not null)
            {
                return keys;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"no Session for {_id} within {timeout}");
    }

    public async Task SendHelloAsync(EndpointHandshake handshake)
    {
        var hello = new byte[132];
        Assert.True(handshake.TryWriteHello(hello, out _));
        await _mqtt.PublishBinaryAsync(Topics.Hello("bat-xat", _id).Topic, hello);
    }

    /// <summary>UDP registration (protocol section 11.1): a sealed Status from the media socket to the controller's UDP port.</summary>
    public void RegisterUdp(ControlChannel channel, int controllerPort)
    {
        var inner = new byte[24];
        Assert.True(new StatusMessage(EndpointState.Idle, 80, 0, 0, 0, 0, 0, 1).TryWrite(inner, out _));
        var envelope = new byte[ControlChannel.EnvelopeSize(inner.Length)];
        Assert.True(channel.TrySeal(inner, envelope, out _));
        Udp.SendTo(envelope, new IPEndPoint(IPAddress.Loopback, controllerPort));
    }

    public async ValueTask DisposeAsync()
    {
        await _mqtt.DisconnectAsync();
        _mqtt.Dispose();
        Udp.Dispose();
    }

    private static DateTimeOffset DateTimeOffsetNow() => TimeProvider.System.GetUtcNow();
}
