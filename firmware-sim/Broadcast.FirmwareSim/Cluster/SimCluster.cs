using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Broadcast.FirmwareSim.Attack;
using Broadcast.FirmwareSim.Impairment;
using Broadcast.FirmwareSim.Playout;
using Broadcast.Protocol.Control;
using Broadcast.Protocol.Handshake;
using Broadcast.Protocol.Identity;
using Broadcast.Protocol.Media;
using Broadcast.Protocol.Rtp;
using MQTTnet;
using MQTTnet.Protocol;

namespace Broadcast.FirmwareSim.Cluster;

/// <summary>
/// One simulated speaker cluster: its MQTT session (last will = clear Offline Status), the Noise IK handshake,
/// sealed control messages, its UDP socket bound to its own address (or the MQTT media topic), the impaired
/// receive path, UDP registration and heartbeats (docs/protocol.md sections 3 to 11). Playout runs on the
/// simulator's shared playout loop through <see cref="Tick"/>.
/// </summary>
internal sealed class SimCluster : IAsyncDisposable
{
    private const int SessionSize = 76;
    private const int ControlFrameSize = 4 + StatusMessage.BodySize;
    private static readonly TimeSpan HelloRetry = TimeSpan.FromSeconds(5);
    private readonly SimContext _context;
    private readonly StaticKeyPair _keyPair;
    private readonly X25519PublicKey _controllerKey;
    private readonly string _district;
    private readonly Lock _gate = new();
    private readonly int _seed;
    private readonly Random _rehandshakeSpread;
    private readonly PriorityQueue<byte[], TimeSpan> _delayed = new();
    private readonly ChannelReceivers _receivers = new();
    private readonly Dictionary<uint, RtcpSenderReport> _reports = [];
    private readonly SequenceTracker _sequences = new();
    private readonly byte[] _payload = new byte[SecureMediaLayout.MaxPacketSize];
    private readonly byte[] _retagged = new byte[SecureMediaLayout.MaxPacketSize];
    private int _disposed;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<IDisposable> _retired = [];
    private ImpairedLink _link;
    private IMqttClient? _mqtt;
    private Socket? _udp;
    private EndpointHandshake? _handshake;
    private TimeSpan _helloSentAt;
    private SessionKeys? _session;
    private ControlChannel? _control;
    private OriginAuthenticator? _origin;
    private OriginAuthenticator? _previousOrigin;
    private TimeSpan _nextHeartbeat;
    private TimeSpan _rehandshakeAt = TimeSpan.MaxValue;
    private bool _revoked;

    public SimCluster(ClusterSpec spec, StaticKeyPair keyPair, X25519PublicKey controllerKey, string district, SimContext context, ImpairmentProfile impairment, int seed)
    {
        Spec = spec;
        _keyPair = keyPair;
        _controllerKey = controllerKey;
        _district = district;
        _context = context;
        _seed = seed;
        _link = new ImpairedLink(impairment, seed);
        _rehandshakeSpread = new Random(unchecked((seed * 17) + 5));
        Player = new ClusterPlayer(context.Clock, context.Options.JitterTargetMs, context.Options.RecordDirectory is not null || context.Options.RecordInMemory, context.Options.Decode);
    }

    public ClusterSpec Spec { get; }

    public ClusterPlayer Player { get; }

    public RejectCounters Rejected { get; } = new();

    public bool HandshakeOk { get; private set; }

    /// <summary>Sessions established: the first handshake, re-handshakes after reconnecting and periodic ones.</summary>
    public long Handshakes { get; private set; }

    public bool Online => _session is not null && _mqtt?.IsConnected == true;

    public long PacketsReceived => _sequences.Received;

    public long PacketsLost => _sequences.Lost;

    public long LinkDropped { get; private set; }

    public string? Fault { get; private set; }

    public ImpairmentProfile Impairment => _link.Profile;

    /// <summary>
    /// Replaces the simulated link from now on (outage times still count from the simulator's start), for test rigs
    /// that start the simulator themselves and impair one cluster later.
    /// </summary>
    internal void Impair(ImpairmentProfile profile)
    {
        lock (_gate)
        {
            _link = new ImpairedLink(profile, _seed);
        }
    }

    /// <summary>Set for attacker clusters (attack mode): what it holds and captured.</summary>
    public AttackerState? Attack { get; init; }

    /// <summary>
    /// TEST SEAM ONLY (negative control of the attack classifier): accept any origin tag. Set from
    /// <see cref="SimulatorOptions.TestOnlySkipOriginCheck"/>, which no command-line option reaches.
    /// </summary>
    public bool SkipOriginCheck { get; init; }

    /// <summary>Attacker datagrams (from the simulator's attack registry) that reached this cluster's receive path.</summary>
    public long AttackerPacketsSeen { get; private set; }

    /// <summary>Local UDP endpoint media arrives on (null for MQTT media or a failed bind).</summary>
    public IPEndPoint? MediaEndPoint { get; private set; }

    /// <summary>UDP socket media arrives on (read by the host's <see cref="UdpReceivePump"/>); null for MQTT media or a failed bind.</summary>
    internal Socket? MediaSocket => _udp;

    /// <summary>The cluster's static key pair (what its credentials file holds).</summary>
    public StaticKeyPair KeyPair => _keyPair;

    /// <summary>The pinned controller public key.</summary>
    public X25519PublicKey ControllerKey => _controllerKey;

    /// <summary>District of its topics.</summary>
    public string District => _district;

    /// <summary>Runs <paramref name="action"/> under the cluster lock (for consistent snapshots).</summary>
    public T Read<T>(Func<SimCluster, T> action)
    {
        lock (_gate)
        {
            return action(this);
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!Spec.MqttMedia)
        {
            try
            {
                _udp = new Socket(Spec.LocalAddress.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
                _udp.Bind(new IPEndPoint(Spec.LocalAddress, 0));
                MediaEndPoint = (IPEndPoint?)_udp.LocalEndPoint;
            }
            catch (SocketException e)
            {
                Fault = $"cannot bind UDP to {Spec.LocalAddress}: {e.Message}";
                ClusterLog.BindFailed(_context.Logger, Spec.Id, Spec.LocalAddress.ToString(), e.Message);
                _udp?.Dispose();
                _udp = null;
            }
        }

        await ConnectAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Makes the next maintenance tick renew the session as the periodic re-handshake does (test rigs).</summary>
    internal void RequestRehandshake()
    {
        lock (_gate)
        {
            if (_session is not null)
            {
                _rehandshakeAt = TimeSpan.Zero;
            }
        }
    }

    /// <summary>Once a second from the host: reconnect, retry the Hello, send heartbeats.</summary>
    public async Task MaintainAsync(CancellationToken cancellationToken)
    {
        if (_revoked)
        {
            return;
        }

        if (_mqtt is null || !_mqtt.IsConnected)
        {
            lock (_gate)
            {
                DropSession();
            }

            await ConnectAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        var now = _context.Clock.Elapsed;
        if (_session is null)
        {
            if (now - _helloSentAt >= HelloRetry)
            {
                await SendHelloAsync(cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        // Periodic re-handshake (protocol section 5.3) while the session in hand keeps playing; retried like a Hello.
        if (now >= _rehandshakeAt && (_handshake is null || now - _helloSentAt >= HelloRetry))
        {
            await SendHelloAsync(cancellationToken).ConfigureAwait(false);
        }

        if (now >= _nextHeartbeat)
        {
            await HeartbeatAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>From the playout loop: releases delayed packets, then renders audio up to <paramref name="nowSample"/>.</summary>
    public void Tick(long nowSample)
    {
        lock (_gate)
        {
            var elapsed = _context.Clock.Elapsed;
            while (_delayed.TryPeek(out var packet, out var at) && at <= elapsed)
            {
                _delayed.Dequeue();
                ProcessPacket(packet, _context.Clock.StartWall + at);
            }

            Player.Render(nowSample);
        }
    }

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var url = _context.Options.ControllerMqtt;
        var client = _mqtt ?? _context.MqttFactory.CreateMqttClient();
        if (_mqtt is null)
        {
            client.ApplicationMessageReceivedAsync += OnMessageAsync;
            _mqtt = client;
        }

        var options = new MqttClientOptionsBuilder()
            .WithTcpServer(url.Host, url.IsDefaultPort || url.Port <= 0 ? 1883 : url.Port)
            .WithClientId(Spec.Id)
            .WithCleanStart(true)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(30))
            .WithTimeout(TimeSpan.FromSeconds(10))
            .WithWillTopic(Topics.Status(_district, Spec.Id).Topic)
            .WithWillPayload(Topics.OfflineWill.ToArray())
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithWillRetain(true)
            .Build();
        if (options.ChannelOptions is MqttClientTcpOptions tcp)
        {
            // The embedded broker reports this address to the controller, which checks it against the binding.
            tcp.LocalEndpoint = new IPEndPoint(Spec.LocalAddress, 0);
        }

        try
        {
            await client.ConnectAsync(options, cancellationToken).ConfigureAwait(false);
            var subscribe = _context.MqttFactory.CreateSubscribeOptionsBuilder()
                .WithTopicFilter(Topics.Session(_district, Spec.Id).Topic, MqttQualityOfServiceLevel.AtLeastOnce)
                .WithTopicFilter(Topics.Command(_district, Spec.Id).Topic, MqttQualityOfServiceLevel.AtLeastOnce);
            if (Spec.MqttMedia)
            {
                subscribe = subscribe.WithTopicFilter(Topics.Media(_district, Spec.Id).Topic, MqttQualityOfServiceLevel.AtMostOnce);
            }

            await client.SubscribeAsync(subscribe.Build(), cancellationToken).ConfigureAwait(false);
            await SendHelloAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or SocketException or OperationCanceledException or InvalidOperationException)
        {
            if (!cancellationToken.IsCancellationRequested)
            {
                ClusterLog.ConnectFailed(_context.Logger, Spec.Id, url, Spec.LocalAddress.ToString(), e.Message);
            }
        }
    }

    private async Task SendHelloAsync(CancellationToken cancellationToken)
    {
        var hello = new byte[Topics.Hello(_district, Spec.Id).MaxPayloadSize];
        lock (_gate)
        {
            // A new Hello starts a new handshake; a late Session for the old one no longer matches its index.
            _handshake?.Dispose();
            _handshake = new EndpointHandshake(_keyPair, _controllerKey, _context.Clock.Time);
            if (!_handshake.TryWriteHello(hello, out _))
            {
                return;
            }

            _helloSentAt = _context.Clock.Elapsed;
            Attack?.CaptureHello(hello);
        }

        await PublishAsync(Topics.Hello(_district, Spec.Id), hello, cancellationToken).ConfigureAwait(false);
    }

    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        var topic = e.ApplicationMessage.Topic;
        var payload = e.ApplicationMessage.Payload;
        if (payload.Length > SecureMediaLayout.MaxPacketSize + ControlChannel.MaxEnvelopeSize)
        {
            return Task.CompletedTask;
        }

        var length = (int)payload.Length;
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
        try
        {
            payload.CopyTo(buffer);
            var span = buffer.AsSpan(0, length);
            if (topic.EndsWith("/media", StringComparison.Ordinal))
            {
                if (length <= SecureMediaLayout.MaxPacketSize)
                {
                    OnRawMedia(span);
                }
            }
            else if (topic.EndsWith("/session", StringComparison.Ordinal))
            {
                return OnSessionAsync(span.ToArray());
            }
            else if (topic.EndsWith("/cmd", StringComparison.Ordinal) && length <= ControlChannel.MaxEnvelopeSize)
            {
                OnControl(span);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return Task.CompletedTask;
    }

    private async Task OnSessionAsync(byte[] message)
    {
        lock (_gate)
        {
            if (_handshake is null || message.Length != SessionSize)
            {
                return;
            }

            var status = _handshake.ConsumeSession(message, out var keys);
            if (status is not HandshakeStatus.Accepted || keys is null)
            {
                ClusterLog.SessionRefused(_context.Logger, Spec.Id, status);
                return;
            }

            // A session in hand means a periodic re-handshake: the channels carry over to the new keys at once.
            var rehandshake = _session is not null;
            DropSession(keepChannels: rehandshake);
            _session = keys;
            _control = keys.CreateControlChannel();
            _origin = keys.CreateOriginAuthenticator();
            if (rehandshake)
            {
                _receivers.Rebind(_origin, _previousOrigin);
            }

            _handshake.Dispose();
            _handshake = null;
            HandshakeOk = true;
            Handshakes++;
            _nextHeartbeat = TimeSpan.Zero;
            _rehandshakeAt = NextRehandshake();
        }

        ClusterLog.HandshakeDone(_context.Logger, Spec.Id);
        await HeartbeatAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>
    /// When the session just established should be renewed: the configured interval less up to 10%, drawn per
    /// cluster, so that a district that handshook within seconds does not re-handshake in one burst.
    /// </summary>
    private TimeSpan NextRehandshake()
    {
        var interval = _context.Options.RehandshakeInterval;
        return _context.Clock.Elapsed + (interval * (1 - (0.1 * _rehandshakeSpread.NextDouble())));
    }

    private void DropSession(bool keepChannels = false)
    {
        if (_session is null)
        {
            return;
        }

        // Keys retired by the session before this one are no longer reachable: receivers hold at most the previous
        // media-auth key, which is the one retired now.
        foreach (var d in _retired)
        {
            d.Dispose();
        }

        _retired.Clear();

        // Keep the old media-auth key for packets in flight; the new session's receivers accept it as previous.
        _retired.Add(_session);
        _retired.Add(_control!);
        if (_origin is not null)
        {
            _retired.Add(_origin);
        }

        _previousOrigin = _origin;
        _origin = null;
        _session = null;
        _control = null;
        _rehandshakeAt = TimeSpan.MaxValue;
        if (!keepChannels)
        {
            _receivers.Clear();
        }
    }

    private void OnControl(ReadOnlySpan<byte> envelope)
    {
        Span<byte> inner = stackalloc byte[ControlChannel.MaxPlaintextSize];
        lock (_gate)
        {
            if (_control is null)
            {
                return;
            }

            var status = _control.TryOpen(envelope, inner, out var length);
            if (status != ControlOpenStatus.Ok)
            {
                ClusterLog.ControlRejected(_context.Logger, Spec.Id, status);
                return;
            }

            inner = inner[..length];
            switch ((ControlMessageType)inner[0])
            {
                case ControlMessageType.ChannelKey when ChannelKeyMessage.TryRead(inner, out var keyMessage, out _):
                    InstallKey(keyMessage!);
                    break;
                case ControlMessageType.Command when CommandMessage.TryRead(inner, out var command, out _):
                    Apply(command);
                    break;
                case ControlMessageType.SenderReport when SenderReportMessage.TryRead(inner, out var report, out _):
                    _reports[report.Report.Ssrc] = report.Report;
                    if (report.Report.Ssrc == Player.Channel)
                    {
                        Player.Clock.Update(report.Report);
                    }

                    break;
                case ControlMessageType.Bye when ByeMessage.TryRead(inner, out var bye, out _):
                    ClusterLog.Bye(_context.Logger, Spec.Id, bye.Reason);
                    _revoked = bye.Reason == ErrorCode.Revoked;
                    DropSession();
                    Player.Stop();
                    _helloSentAt = _context.Clock.Elapsed - HelloRetry + TimeSpan.FromSeconds(2);
                    break;
            }
        }
    }

    private void InstallKey(ChannelKeyMessage message)
    {
        _receivers.Install(message, _origin!, _previousOrigin);
        Attack?.OnChannelKey(message);
    }

    private void Apply(CommandMessage command)
    {
        switch (command.Kind)
        {
            case CommandKind.Play:
                Player.Volume = command.Volume;
                Player.Play(command.ChannelId, command.PlayoutStartNtp == 0 ? default : NtpTimestamp.ToDateTimeOffset(command.PlayoutStartNtp));
                if (!Player.Clock.Pinned && _reports.TryGetValue(command.ChannelId, out var report))
                {
                    Player.Clock.Update(report);
                }

                break;
            case CommandKind.Stop when command.ChannelId == Player.Channel || command.ChannelId == 0:
                Player.Stop();
                break;
            case CommandKind.Volume:
                Player.Volume = command.Volume;
                break;
        }

        _nextHeartbeat = TimeSpan.Zero;
    }

    /// <summary>The receive pump could no longer read this cluster's socket.</summary>
    internal void OnReceiveFailed(SocketException e) => ClusterLog.ReceiveFailed(_context.Logger, Spec.Id, e.Message);

    /// <summary>A packet came off the wire: the simulated link decides its fate first.</summary>
    internal void OnRawMedia(ReadOnlySpan<byte> packet)
    {
        lock (_gate)
        {
            var elapsed = _context.Clock.Elapsed;
            var verdict = _link.Admit(packet.Length, elapsed, out var delay);
            if (verdict != LinkVerdict.Deliver)
            {
                LinkDropped++;
                return;
            }

            if (delay <= TimeSpan.Zero)
            {
                ProcessPacket(packet, _context.Clock.StartWall + elapsed);
            }
            else
            {
                _delayed.Enqueue(packet.ToArray(), elapsed + delay);
            }
        }
    }

    private void ProcessPacket(ReadOnlySpan<byte> packet, DateTimeOffset arrival)
    {
        if (packet.Length < SecureMediaLayout.HeaderSize || packet.Length > SecureMediaLayout.MaxPacketSize)
        {
            Rejected.Malformed++;
            return;
        }

        var ssrc = BinaryPrimitives.ReadUInt32BigEndian(packet[8..]);
        if (!_receivers.TryGet(ssrc, out var receiver))
        {
            if (packet[0] != 0x80)
            {
                Rejected.Malformed++;
            }
            else
            {
                Rejected.Auth++;
            }

            return;
        }

        var fromAttacker = _context.Attacks.Active && _context.Attacks.Contains(packet);
        if (fromAttacker)
        {
            AttackerPacketsSeen++;
        }

        var original = packet;
        if (SkipOriginCheck && _origin is not null && packet.Length >= SecureMediaLayout.Overhead)
        {
            // Negative control: re-tag with our own key, i.e. behave as if the origin tag were not checked.
            packet.CopyTo(_retagged);
            var sealedLength = packet.Length - SecureMediaLayout.OriginTagSize;
            _origin.WriteTag(packet[..sealedLength], _retagged.AsSpan(sealedLength, SecureMediaLayout.OriginTagSize));
            packet = _retagged.AsSpan(0, original.Length);
        }

        var status = receiver.TryOpen(packet, _payload, out var header, out var length);
        switch (status)
        {
            case MediaOpenStatus.Ok:
                _sequences.Add(header.SequenceNumber);
                if (Attack is not null && !fromAttacker)
                {
                    Attack.Capture(original, _context.Clock.Elapsed);
                }

                if (ssrc == Player.Channel)
                {
                    var result = Player.OnFrame(header.Timestamp, _payload.AsSpan(0, length), arrival, fromAttacker);
                    if (result == Playout.JitterInsertResult.Late)
                    {
                        Rejected.Late++;
                    }
                }

                break;
            case MediaOpenStatus.Replayed or MediaOpenStatus.TooOld:
                Rejected.Replay++;
                break;
            case MediaOpenStatus.Malformed or MediaOpenStatus.DestinationTooSmall:
                Rejected.Malformed++;
                break;
            default:
                Rejected.Auth++;
                break;
        }
    }

    /// <summary>Attack mode: sends a raw datagram from this cluster's own media socket (its own address).</summary>
    public async Task<bool> SendUdpAsync(byte[] datagram, IPEndPoint to, CancellationToken cancellationToken)
    {
        var socket = _udp;
        if (socket is null)
        {
            return false;
        }

        try
        {
            await socket.SendToAsync(datagram, SocketFlags.None, to, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (SocketException e)
        {
            ClusterLog.SendFailed(_context.Logger, Spec.Id, e.Message);
            return false;
        }
    }

    /// <summary>Attack mode: publishes raw bytes on a topic over this cluster's own broker connection.</summary>
    public Task PublishRawAsync(TopicSpec topic, byte[] payload, CancellationToken cancellationToken) => PublishAsync(topic, payload, cancellationToken);

    /// <summary>Attack mode: the origin tag this cluster's own media-auth key gives (all an attacker can compute).</summary>
    public bool TryWriteOwnTag(ReadOnlySpan<byte> sealedPacket, Span<byte> tag)
    {
        lock (_gate)
        {
            if (_origin is null)
            {
                return false;
            }

            _origin.WriteTag(sealedPacket, tag);
            return true;
        }
    }

    private async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        byte[] forTopic;
        byte[] forUdp;
        lock (_gate)
        {
            if (_control is null)
            {
                return;
            }

            _nextHeartbeat = _context.Clock.Elapsed + _context.Options.Heartbeat;
            Span<byte> inner = stackalloc byte[ControlFrameSize];
            var status = BuildStatus();
            if (!status.TryWrite(inner, out var innerLength))
            {
                return;
            }

            forTopic = new byte[ControlChannel.EnvelopeSize(innerLength)];
            forUdp = new byte[forTopic.Length];
            if (!_control.TrySeal(inner[..innerLength], forTopic, out _) || !_control.TrySeal(inner[..innerLength], forUdp, out _))
            {
                return;
            }
        }

        await PublishAsync(Topics.Status(_district, Spec.Id), forTopic, cancellationToken).ConfigureAwait(false);
        if (_udp is not null)
        {
            // UDP registration (docs/protocol.md section 11): a sealed Status from the socket media arrives on, so the
            // controller learns and checks the address; repeated with every heartbeat (NAT bindings expire).
            try
            {
                await _udp.SendToAsync(forUdp, SocketFlags.None, _context.ControllerUdp, cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException e)
            {
                ClusterLog.SendFailed(_context.Logger, Spec.Id, e.Message);
            }
        }
    }


    private StatusMessage BuildStatus()
    {
        var state = !Player.Playing ? EndpointState.Idle : Player.Audible ? EndpointState.Playing : EndpointState.Buffering;
        var expected = _sequences.Expected;
        var loss = expected == 0 ? 0 : Math.Min(10_000, _sequences.Lost * 10_000 / expected);
        var keyId = Player.Channel == 0 ? 0 : _receivers.CurrentKeyId(Player.Channel);

        return new StatusMessage(
            state,
            Player.Volume,
            (ushort)Math.Min(ushort.MaxValue, Player.Delay.TargetMs),
            (ushort)loss,
            0,
            Player.Channel,
            keyId,
            (uint)_context.Clock.Elapsed.TotalSeconds);
    }

    private async Task PublishAsync(TopicSpec topic, byte[] payload, CancellationToken cancellationToken)
    {
        var client = _mqtt;
        if (client is null || !client.IsConnected)
        {
            return;
        }

        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic.Topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel((MqttQualityOfServiceLevel)topic.QualityOfService)
            .WithRetainFlag(topic.Retain)
            .Build();
        try
        {
            await client.PublishAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or InvalidOperationException)
        {
            ClusterLog.SendFailed(_context.Logger, Spec.Id, e.Message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Called by SimulatorHost.StopAsync and again by SimulatorHost.DisposeAsync: the second call has nothing to do.
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        if (_mqtt is not null)
        {
            try
            {
                if (_mqtt.IsConnected)
                {
                    // A plain disconnect suppresses the last will; ask the broker to publish it (MQTT 5, reason 0x04)
                    // so the controller sees the cluster go offline.
                    var disconnect = new MqttClientDisconnectOptionsBuilder()
                        .WithReason(MqttClientDisconnectOptionsReason.DisconnectWithWillMessage)
                        .Build();
                    await _mqtt.DisconnectAsync(disconnect).ConfigureAwait(false);
                }
            }
            catch (MQTTnet.Exceptions.MqttCommunicationException)
            {
            }

            _mqtt.Dispose();
        }

        _udp?.Dispose();

        lock (_gate)
        {
            Player.Dispose();
            _handshake?.Dispose();
            _session?.Dispose();
            _control?.Dispose();
            _origin?.Dispose();
            foreach (var d in _retired)
            {
                d.Dispose();
            }

            _receivers.Dispose();
            _keyPair.Dispose();
        }

        _stop.Dispose();
    }
}
