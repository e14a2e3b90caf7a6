using System.Net;
using Broadcast.Audio.Codec;
using Broadcast.FirmwareSim.Cluster;
using Broadcast.Protocol.Control;
using Broadcast.Protocol.Handshake;
using Broadcast.Protocol.Identity;
using Broadcast.Protocol.Media;
using MQTTnet;
using MQTTnet.Protocol;

namespace Broadcast.FirmwareSim.Attack;

/// <summary>
/// Drives the attacker clusters every 20 ms. An attacker uses only what a real one could have: its own
/// provisioned identity and session (stolen from the pole), the channel key it received as a member, packets it
/// captured, its own address, and, for wrong-ip, another cluster's credentials file. It never touches a
/// controller secret nor another cluster's session keys.
/// </summary>
internal sealed class AttackEngine : IAsyncDisposable
{
    /// <summary>Each attacker aims at no more than this many honest clusters (bounds the extra traffic).</summary>
    public const int MaxTargets = 8;

    /// <summary>Frequency of the attacker's marker tone.</summary>
    public const double ToneHz = 2500;

    /// <summary>Forged frames claim the slot this many frames after the newest genuine one (they arrive first).</summary>
    private const int ForgeAhead = 3;

    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan ReplayAge = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan HelloEvery = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan WrongIpEvery = TimeSpan.FromSeconds(5);
    private readonly SimContext _context;
    private readonly List<Attacker> _attackers;
    private readonly IReadOnlyList<SimCluster> _honest;

    public AttackEngine(SimContext context, IReadOnlyList<SimCluster> clusters)
    {
        _context = context;
        _honest = clusters.Where(c => c.Attack is null).ToList();
        _attackers = clusters.Where(c => c.Attack is not null).Select((c, i) => new Attacker(c, Targets(c, i, sameCommune: true), Targets(c, i, sameCommune: false))).ToList();
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Period, _context.Clock.Time);
        var nextPrune = TimeSpan.FromSeconds(10);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                foreach (var a in _attackers)
                {
                    try
                    {
                        await CycleAsync(a, cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is System.Net.Sockets.SocketException or MQTTnet.Exceptions.MqttCommunicationException or InvalidOperationException or ObjectDisposedException)
                    {
                        AttackLog.SendFailed(_context.Logger, a.Cluster.Spec.Id, e.Message);
                    }
                }

                var now = _context.Clock.Elapsed;
                if (now >= nextPrune)
                {
                    _context.Attacks.Prune(now);
                    nextPrune = now + TimeSpan.FromSeconds(10);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task CycleAsync(Attacker a, CancellationToken cancellationToken)
    {
        var state = a.Cluster.Attack!;
        var now = _context.Clock.Elapsed;
        if ((state.Kinds & AttackKind.Forge) != 0)
        {
            await ForgeMediaAsync(a, state, now, cancellationToken).ConfigureAwait(false);
            if (now >= a.NextHello && a.Cluster.HandshakeOk)
            {
                a.NextHello = now + HelloEvery;
                await ForgeHellosAsync(a, state, cancellationToken).ConfigureAwait(false);
            }
        }

        if ((state.Kinds & AttackKind.Replay) != 0 && state.TakeOld(now, ReplayAge) is { } old)
        {
            _context.Attacks.Register(old, now);
            foreach (var target in a.Targets)
            {
                if (await SendAsync(a, target, old, cancellationToken).ConfigureAwait(false))
                {
                    state.Replayed++;
                }
            }

            // ...and later to itself: its own replay window must refuse what it already played.
            if (a.Cluster.MediaEndPoint is { } self && await a.Cluster.SendUdpAsync(old, self, cancellationToken).ConfigureAwait(false))
            {
                state.SelfReplayed++;
            }
        }

        if ((state.Kinds & AttackKind.Reroute) != 0 && state.TakeNewestForReroute() is { } newest)
        {
            _context.Attacks.Register(newest, now);
            foreach (var target in a.RerouteTargets)
            {
                if (await SendAsync(a, target, newest, cancellationToken).ConfigureAwait(false))
                {
                    state.Rerouted++;
                }
            }
        }

        if ((state.Kinds & AttackKind.WrongIp) != 0 && now >= a.NextWrongIp && a.Cluster.HandshakeOk)
        {
            a.NextWrongIp = now + WrongIpEvery;
            await WrongIpAsync(a, state, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ForgeMediaAsync(Attacker a, AttackerState state, TimeSpan now, CancellationToken cancellationToken)
    {
        var opus = a.NextToneFrame();
        var packet = state.Forge(opus, ForgeAhead, ref a.LastForgedIndex);
        if (packet is null)
        {
            return;
        }

        // The best tag the attacker can make: with its own media-auth key. Every other cluster checks its own.
        var sealedLength = packet.Length - SecureMediaLayout.OriginTagSize;
        if (!a.Cluster.TryWriteOwnTag(packet.AsSpan(0, sealedLength), packet.AsSpan(sealedLength)))
        {
            return;
        }

        _context.Attacks.Register(packet, now);
        foreach (var target in a.Targets)
        {
            if (await SendAsync(a, target, packet, cancellationToken).ConfigureAwait(false))
            {
                state.ForgedMedia++;
            }
        }
    }

    private async Task ForgeHellosAsync(Attacker a, AttackerState state, CancellationToken cancellationToken)
    {
        var cluster = a.Cluster;

        // 1. A well-formed Hello (valid mac1: the controller public key is in every credentials file) from a key
        //    pair nobody registered, on a victim's topic: UnknownEndpoint.
        var victim = a.Targets.Count > 0 ? a.Targets[a.HelloCount % a.Targets.Count].Spec.Id : cluster.Spec.Id;
        using (var random = StaticKeyPair.Generate())
        using (var handshake = new EndpointHandshake(random, cluster.ControllerKey, _context.Clock.Time))
        {
            var hello = new byte[Topics.Hello(cluster.District, cluster.Spec.Id).MaxPayloadSize];
            if (handshake.TryWriteHello(hello, out _))
            {
                await cluster.PublishRawAsync(Topics.Hello(cluster.District, victim), hello, cancellationToken).ConfigureAwait(false);
                state.ForgedHellos++;
            }
        }

        // 2. Its own captured Hello with one bit flipped (BadMac or DecryptFailed), and 3. as captured (Replayed).
        if (state.CapturedHello is { } captured)
        {
            var flipped = (byte[])captured.Clone();
            var bit = 8 + (a.HelloCount * 37 % ((flipped.Length - 8) * 8));
            flipped[bit / 8] ^= (byte)(1 << (bit % 8));
            await cluster.PublishRawAsync(Topics.Hello(cluster.District, cluster.Spec.Id), flipped, cancellationToken).ConfigureAwait(false);
            await cluster.PublishRawAsync(Topics.Hello(cluster.District, cluster.Spec.Id), captured, cancellationToken).ConfigureAwait(false);
            state.ForgedHellos += 2;
        }

        a.HelloCount++;
    }

    /// <summary>
    /// Another cluster's credentials file, stolen, presented from the attacker's own address over a second broker
    /// connection: the controller must refuse it (AddressOutsideBinding) and send no Session.
    /// </summary>
    private async Task WrongIpAsync(Attacker a, AttackerState state, CancellationToken cancellationToken)
    {
        var victim = a.WrongIpVictim;
        if (victim is null)
        {
            return;
        }

        if (a.Stolen is null || !a.Stolen.IsConnected)
        {
            a.Stolen?.Dispose();
            a.Stolen = _context.MqttFactory.CreateMqttClient();
            a.Stolen.ApplicationMessageReceivedAsync += e => OnStolenSession(a, state, victim, e);
            var url = _context.Options.ControllerMqtt;
            var options = new MqttClientOptionsBuilder()
                .WithTcpServer(url.Host, url.IsDefaultPort || url.Port <= 0 ? 1883 : url.Port)
                .WithClientId(a.Cluster.Spec.Id + "-stolen-" + victim.Spec.Id)
                .WithCleanStart(true)
                .WithTimeout(TimeSpan.FromSeconds(5))
                .Build();
            if (options.ChannelOptions is MqttClientTcpOptions tcp)
            {
                tcp.LocalEndpoint = new IPEndPoint(a.Cluster.Spec.LocalAddress, 0);
            }

            try
            {
                await a.Stolen.ConnectAsync(options, cancellationToken).ConfigureAwait(false);
                await a.Stolen.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(Topics.Session(victim.District, victim.Spec.Id).Topic, MqttQualityOfServiceLevel.AtLeastOnce).Build(), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or System.Net.Sockets.SocketException or InvalidOperationException)
            {
                AttackLog.WrongIpConnectFailed(_context.Logger, a.Cluster.Spec.Id, e.Message);
                return;
            }
        }

        var hello = new byte[Topics.Hello(victim.District, victim.Spec.Id).MaxPayloadSize];
        lock (a.Gate)
        {
            a.StolenHandshake?.Dispose();
            a.StolenHandshake = new EndpointHandshake(victim.KeyPair, victim.ControllerKey, _context.Clock.Time);
            if (!a.StolenHandshake.TryWriteHello(hello, out _))
            {
                return;
            }
        }

        var message = new MqttApplicationMessageBuilder().WithTopic(Topics.Hello(victim.District, victim.Spec.Id).Topic).WithPayload(hello)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
        await a.Stolen.PublishAsync(message, cancellationToken).ConfigureAwait(false);
        state.WrongIpHellos++;
        state.CountTarget(victim.Spec.Id);
    }

    private Task OnStolenSession(Attacker a, AttackerState state, SimCluster victim, MqttApplicationMessageReceivedEventArgs e)
    {
        var payload = System.Buffers.BuffersExtensions.ToArray(e.ApplicationMessage.Payload);
        lock (a.Gate)
        {
            if (a.StolenHandshake is { } handshake && payload.Length == 76
                && handshake.ConsumeSession(payload, out var keys) == HandshakeStatus.Accepted)
            {
                keys?.Dispose();
                state.WrongIpSessions++;
                AttackLog.WrongIpAccepted(_context.Logger, a.Cluster.Spec.Id, victim.Spec.Id, a.Cluster.Spec.LocalAddress.ToString());
            }
        }

        return Task.CompletedTask;
    }

    private static async Task<bool> SendAsync(Attacker a, SimCluster target, byte[] datagram, CancellationToken cancellationToken)
    {
        if (target.MediaEndPoint is not { } to || !await a.Cluster.SendUdpAsync(datagram, to, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        a.Cluster.Attack!.CountTarget(target.Spec.Id);
        return true;
    }

    /// <summary>Up to <see cref="MaxTargets"/> honest UDP clusters, spread over the list; for reroute, another commune's.</summary>
    private List<SimCluster> Targets(SimCluster attacker, int index, bool sameCommune)
    {
        var pool = _honest.Where(c => !c.Spec.MqttMedia).ToList();
        if (!sameCommune)
        {
            var other = pool.Where(c => !string.Equals(c.Spec.Commune, attacker.Spec.Commune, StringComparison.Ordinal)).ToList();
            pool = other.Count > 0 ? other : pool;
        }

        if (pool.Count <= MaxTargets)
        {
            return pool;
        }

        var step = pool.Count / MaxTargets;
        return Enumerable.Range(0, MaxTargets).Select(j => pool[((j * step) + index) % pool.Count]).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var a in _attackers)
        {
            await a.DisposeAsync().ConfigureAwait(false);
        }
    }

    private sealed class Attacker : IAsyncDisposable
    {
        private readonly OpusEncoder _encoder = new(new OpusEncoderSettings());
        private readonly float[] _pcm = new float[960];
        private readonly byte[] _opus = new byte[1275];
        private long _phase;

        public Attacker(SimCluster cluster, List<SimCluster> targets, List<SimCluster> rerouteTargets)
        {
            Cluster = cluster;
            Targets = targets;
            RerouteTargets = rerouteTargets;
            WrongIpVictim = targets.FirstOrDefault(t => !IpBinding.Parse(t.Spec.Bind).Contains(cluster.Spec.LocalAddress));
        }

        public Lock Gate { get; } = new();

        public SimCluster Cluster { get; }

        public List<SimCluster> Targets { get; }

        public List<SimCluster> RerouteTargets { get; }

        public SimCluster? WrongIpVictim { get; }

        public ulong LastForgedIndex;

        public TimeSpan NextHello { get; set; }

        public TimeSpan NextWrongIp { get; set; }

        public int HelloCount { get; set; }

        public IMqttClient? Stolen { get; set; }

        public EndpointHandshake? StolenHandshake { get; set; }

        /// <summary>20 ms of the attacker's 2.5 kHz marker tone, Opus-encoded (phase-continuous).</summary>
        public ReadOnlySpan<byte> NextToneFrame()
        {
            for (var i = 0; i < _pcm.Length; i++)
            {
                _pcm[i] = (float)(0.5 * Math.Sin(2 * Math.PI * ToneHz * (_phase + i) / 48_000));
            }

            _phase += _pcm.Length;
            var n = _encoder.Encode(_pcm, _opus);
            return _opus.AsSpan(0, n);
        }

        public async ValueTask DisposeAsync()
        {
            if (Stolen is not null)
            {
                try
                {
                    if (Stolen.IsConnected)
                    {
                        await Stolen.DisconnectAsync().ConfigureAwait(false);
                    }
                }
                catch (MQTTnet.Exceptions.MqttCommunicationException)
                {
                }

                Stolen.Dispose();
            }

            lock (Gate)
            {
                StolenHandshake?.Dispose();
            }

            _encoder.Dispose();
        }
    }
}
