using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Broadcast.Protocol.Control;
using Broadcast.Protocol.Handshake;
using Broadcast.Protocol.Identity;
using Broadcast.Protocol.Media;
using Broadcast.Protocol.Rtp;
using MQTTnet;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace Broadcast.FirmwareSim.Tests;

/// <summary>
/// A minimal controller built from Broadcast.Protocol for the simulator's loopback tests: embedded broker, answers
/// Hellos (checking the IP binding against the broker-observed client address, as the real controller's embedded
/// broker does), learns UDP addresses from UDP registration, sends ChannelKey, Play, sender reports and sealed media.
/// A re-handshake is confirmed before it is used: media and control stay on the old session until a UDP registration
/// sealed under the new one arrives (the endpoint holds the new keys by then), so a slow Session delivery on a loaded
/// machine cannot cut the stream.
/// </summary>
internal sealed class StandInController : IAsyncDisposable
{
    private readonly MqttServer _server;
    private readonly IMqttClient _client;
    private readonly ControllerHandshake _handshake;
    private readonly InMemoryEndpointRegistry _registry = new();
    private readonly ConcurrentDictionary<string, Peer> _peers = new();
    private readonly ConcurrentDictionary<string, Peer> _pending = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _udpLoop;
    private const string PeerProperty = "x-standin-peer";
    private string _district = "";

    private StandInController(MqttServer server, IMqttClient client, int port, Socket udp)
    {
        _server = server;
        _client = client;
        MqttPort = port;
        Udp = udp;
        _handshake = new ControllerHandshake(Key, _registry, TimeProvider.System);
        _udpLoop = Task.Run(UdpLoopAsync);
    }

    public StaticKeyPair Key { get; } = StaticKeyPair.Generate();

    public int MqttPort { get; }

    public Socket Udp { get; }

    public int UdpPort => ((IPEndPoint)Udp.LocalEndPoint!).Port;

    public int RegisteredCount => _peers.Values.Count(p => p.MediaAddress is not null);

    public int StatusCount => _peers.Values.Sum(p => p.Statuses);

    /// <summary>Hellos refused, by reason (the controller sends nothing back for these).</summary>
    public ConcurrentDictionary<HandshakeStatus, int> Refusals { get; } = new();

    /// <summary>Hellos accepted, by endpoint id.</summary>
    public ConcurrentDictionary<string, int> Accepted { get; } = new();

    public static async Task<StandInController> StartAsync()
    {
        var port = FreeTcpPort();
        var server = new MqttServerFactory().CreateMqttServer(new MqttServerOptionsBuilder().WithDefaultEndpoint().WithDefaultEndpointPort(port).Build());
        server.ClientConnectedAsync += e =>
        {
            if (e.RemoteEndPoint is IPEndPoint ip)
            {
                e.SessionItems["peer"] = ip.Address;
            }

            return Task.CompletedTask;
        };
        server.InterceptingPublishAsync += e =>
        {
            e.ApplicationMessage.UserProperties?.RemoveAll(p => p.Name == PeerProperty);
            if (e.SessionItems["peer"] is IPAddress peer)
            {
                e.ApplicationMessage.UserProperties ??= [];
                e.ApplicationMessage.UserProperties.Add(new MqttUserProperty(PeerProperty, new ReadOnlyMemory<byte>(System.Text.Encoding.ASCII.GetBytes(peer.ToString()))));
            }

            return Task.CompletedTask;
        };
        await server.StartAsync();
        var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("controller").Build());
        var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        udp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var controller = new StandInController(server, client, port, udp);
        client.ApplicationMessageReceivedAsync += controller.OnMessageAsync;
        return controller;
    }

    public async Task ServeAsync(string district, IEnumerable<EndpointRegistration> registrations)
    {
        _district = district;
        foreach (var r in registrations)
        {
            _registry.Upsert(r);
        }

        await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(Topics.AllHellos(district), MqttQualityOfServiceLevel.AtLeastOnce).Build());
        await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter($"bcast/{district}/ep/+/status", MqttQualityOfServiceLevel.AtLeastOnce).Build());
    }

    /// <summary>Sends ChannelKey and Play to every registered peer.</summary>
    public async Task StartChannelAsync(ChannelKey key, byte volume, ulong playoutStartNtp = 0)
    {
        foreach (var (id, peer) in _peers)
        {
            var inner = new byte[64];
            new ChannelKeyMessage(key).TryWrite(inner, out var n);
            await SendControlAsync(id, peer, inner.AsSpan(0, n).ToArray());
            new CommandMessage(1, CommandKind.Play, 2, volume, key.ChannelId, playoutStartNtp).TryWrite(inner, out n);
            await SendControlAsync(id, peer, inner.AsSpan(0, n).ToArray());
        }
    }

    public async Task SendReportAsync(RtcpSenderReport report)
    {
        foreach (var (id, peer) in _peers)
        {
            var inner = new byte[64];
            new SenderReportMessage(report).TryWrite(inner, out var n);
            await SendControlAsync(id, peer, inner.AsSpan(0, n).ToArray());
        }
    }

    /// <summary>Tags a sealed packet for every peer and sends it to the address it registered.</summary>
    public void SendMedia(ReadOnlySpan<byte> sealedPacket)
    {
        Span<byte> tagged = stackalloc byte[SecureMediaLayout.MaxPacketSize];
        foreach (var peer in _peers.Values)
        {
            if (peer.MediaAddress is { } address && peer.Origin.TryWriteTagged(sealedPacket, tagged, out var n))
            {
                Udp.SendTo(tagged[..n], SocketFlags.None, address);
            }
        }
    }

    private async Task SendControlAsync(string id, Peer peer, byte[] inner)
    {
        byte[] envelope;
        lock (peer)
        {
            envelope = new byte[ControlChannel.EnvelopeSize(inner.Length)];
            peer.Control.TrySeal(inner, envelope, out _);
        }

        await _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(Topics.Command(_district, id).Topic).WithPayload(envelope)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
    }

    private async Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        var payload = e.ApplicationMessage.Payload.ToArray();
        var id = Topics.EndpointIdOf(e.ApplicationMessage.Topic, _district, "hello");
        if (id is null)
        {
            var statusId = Topics.EndpointIdOf(e.ApplicationMessage.Topic, _district, "status");
            if (statusId is not null && _peers.TryGetValue(statusId, out var p) && OpenStatus(p, payload))
            {
                p.Statuses++;
            }
            else if (statusId is not null && _pending.TryGetValue(statusId, out var q) && OpenStatus(q, payload))
            {
                q.Statuses++;
            }

            return;
        }

        var session = new byte[76];
        HelloResult result;
        lock (_handshake)
        {
            result = _handshake.ConsumeHello(payload, id, ObservedAddress(e.ApplicationMessage), session);
        }

        if (!result.IsAccepted || result.Keys is null)
        {
            Refusals.AddOrUpdate(result.Status, 1, (_, n) => n + 1);
            return;
        }

        Accepted.AddOrUpdate(id, 1, (_, n) => n + 1);

        var peer = new Peer(id, result.Keys.CreateControlChannel(), result.Keys.CreateOriginAuthenticator());
        if (_peers.ContainsKey(id))
        {
            _pending[id] = peer;
        }
        else
        {
            _peers[id] = peer;
        }

        await _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(Topics.Session(_district, id).Topic)
            .WithPayload(session.AsSpan(0, result.SessionLength).ToArray()).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
    }

    private static IPAddress? ObservedAddress(MqttApplicationMessage message)
    {
        var property = message.UserProperties?.FirstOrDefault(p => p.Name == PeerProperty);
        return property is null ? null : IPAddress.Parse(System.Text.Encoding.ASCII.GetString(property.ValueBuffer.Span));
    }

    private static bool OpenStatus(Peer peer, ReadOnlySpan<byte> envelope)
    {
        Span<byte> inner = stackalloc byte[ControlChannel.MaxPlaintextSize];
        lock (peer)
        {
            return peer.Control.TryOpen(envelope, inner, out var n) == ControlOpenStatus.Ok && StatusMessage.TryRead(inner[..n], out _, out _);
        }
    }

    private async Task UdpLoopAsync()
    {
        var buffer = new byte[2048];
        EndPoint any = new IPEndPoint(IPAddress.Any, 0);
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var r = await Udp.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token);
                var index = ControlChannel.PeekReceiverIndex(buffer.AsSpan(0, r.ReceivedBytes));
                var peer = _peers.Values.FirstOrDefault(p => p.Control.LocalIndex == index);
                var pending = peer is null ? _pending.Values.FirstOrDefault(p => p.Control.LocalIndex == index) : null;
                if ((peer ?? pending) is { } p && OpenStatus(p, buffer.AsSpan(0, r.ReceivedBytes)))
                {
                    p.MediaAddress = (IPEndPoint)r.RemoteEndPoint;
                    if (pending is not null && _pending.TryRemove(new KeyValuePair<string, Peer>(pending.Id, pending)))
                    {
                        // Confirmed: the endpoint holds the new session; switch media and control to it.
                        _peers[pending.Id] = pending;
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private static int FreeTcpPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        Udp.Dispose();
        await _udpLoop;
        await _client.DisconnectAsync();
        _client.Dispose();
        await _server.StopAsync();
        _server.Dispose();
        _handshake.Dispose();
        Key.Dispose();
        _stop.Dispose();
    }

    private sealed class Peer(string id, ControlChannel control, OriginAuthenticator origin)
    {
        public string Id { get; } = id;

        public ControlChannel Control { get; } = control;

        public OriginAuthenticator Origin { get; } = origin;

        public IPEndPoint? MediaAddress { get; set; }

        public int Statuses { get; set; }
    }
}
