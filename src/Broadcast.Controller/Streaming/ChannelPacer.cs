using System.Diagnostics;
using System.Net.Sockets;
using Broadcast.Controller.Lab;
using Broadcast.Controller.Metrics;
using Broadcast.Controller.Mqtt;
using Broadcast.Protocol.Media;
using Broadcast.Protocol.Rtp;

namespace Broadcast.Controller.Streaming;

/// <summary>
/// One thread per channel: every 20 ms (absolute deadlines on the monotonic clock, <see cref="PacerSchedule"/>) it
/// seals the next frame once, then writes each member's origin tag into the 16 spare bytes and sends. The loop
/// allocates nothing, logs nothing, and a failing member costs only its own counter.
/// </summary>
internal sealed class ChannelPacer
{
    // Sleep while more than this is left, then spin: Thread.Sleep(1) overshoots by up to ~1 ms on Linux.
    private const double SpinBelowMilliseconds = 1.5;

    private readonly OpusProgramme _programme;
    private readonly MediaSealer _sealer;
    private readonly UdpMediaSocket _udp;
    private readonly MqttOutbox _outbox;
    private readonly BroadcastMetrics _metrics;
    private readonly IPacerEvents _events;
    private readonly LabRtpTap? _lab;
    private readonly int _senderReportEvery;
    private readonly Lock _membersGate = new();
    private PacerMember[] _members = [];
    private ChannelKey? _pendingKey;
    private long _pendingKeyFrame;
    private long _frame;
    private volatile bool _stop;
    private Thread? _thread;

    public ChannelPacer(uint channelId, OpusProgramme programme, ChannelKey key, UdpMediaSocket udp, MqttOutbox outbox, BroadcastMetrics metrics, IPacerEvents events, int senderReportEveryFrames)
    {
        ChannelId = channelId;
        _programme = programme;
        _sealer = new MediaSealer(channelId);
        _sealer.UseKey(key);
        _udp = udp;
        _lab = udp.Lab;
        _outbox = outbox;
        _metrics = metrics;
        _events = events;
        _senderReportEvery = Math.Max(1, senderReportEveryFrames);
    }

    public uint ChannelId { get; }

    public PacerSchedule Schedule { get; private set; }

    /// <summary>The frame being (or last) sent.</summary>
    public long Frame => Interlocked.Read(ref _frame);

    public IReadOnlyList<PacerMember> Members => Volatile.Read(ref _members);

    public void AddMember(PacerMember member)
    {
        lock (_membersGate)
        {
            if (Array.FindIndex(_members, m => m.Endpoint == member.Endpoint) < 0)
            {
                Volatile.Write(ref _members, [.. _members, member]);
            }
        }
    }

    public void RemoveMember(string endpointId)
    {
        lock (_membersGate)
        {
            Volatile.Write(ref _members, Array.FindAll(_members, m => m.Endpoint.Id != endpointId));
        }
    }

    /// <summary>Switches sealing to <paramref name="key"/> from frame <paramref name="atFrame"/> on (after members have it).</summary>
    public void ScheduleKey(ChannelKey key, long atFrame)
    {
        Interlocked.Exchange(ref _pendingKeyFrame, atFrame);
        Volatile.Write(ref _pendingKey, key);
    }

    public void Start(long startTimestamp)
    {
        Schedule = new PacerSchedule(startTimestamp, Stopwatch.Frequency);
        _thread = new Thread(Run) { IsBackground = true, Name = $"pacer-{ChannelId}", Priority = ThreadPriority.AboveNormal };
        _thread.Start();
    }

    public void Stop()
    {
        _stop = true;
        if (_thread is { } thread && thread != Thread.CurrentThread)
        {
            thread.Join();
        }
    }

    private void Run()
    {
        var buffer = new byte[SecureMediaLayout.MaxPacketSize];
        var schedule = Schedule;
        uint octets = 0;
        var completed = true;
        for (var n = 0; n < _programme.FrameCount; n++)
        {
            if (_stop)
            {
                completed = false;
                break;
            }

            WaitUntil(schedule.DeadlineOf(n));
            _metrics.PacerLateness(schedule.LatenessMilliseconds(n, Stopwatch.GetTimestamp()));
            Interlocked.Exchange(ref _frame, n);
            if (Volatile.Read(ref _pendingKey) is { } key && n >= Interlocked.Read(ref _pendingKeyFrame))
            {
                _sealer.UseKey(key);
                Volatile.Write(ref _pendingKey, null);
            }

            var payload = _programme.Frame(n);
            var header = new RtpHeader(n == 0, OpusRtp.PayloadType, unchecked((ushort)n), PacerSchedule.RtpTimestampOf(n), ChannelId);
            if (!_sealer.TrySeal(header, payload, buffer, out var sealedLength))
            {
                continue;
            }

            octets = unchecked(octets + (uint)payload.Length);
            SendToMembers(buffer, sealedLength);
            // Lab mode (protocol section 14): the same frame as plain RTP, one more SendTo; null while off.
            _lab?.Send(header, payload);
            if (n % _senderReportEvery == 0)
            {
                _events.OnSenderReport(this, n, unchecked((uint)(n + 1)), octets);
            }
        }

        _lab?.Release(ChannelId);
        _events.OnFinished(this, completed);
    }

    private void SendToMembers(byte[] buffer, int sealedLength)
    {
        var packetLength = sealedLength + SecureMediaLayout.OriginTagSize;
        var sealedPart = buffer.AsSpan(0, sealedLength);
        var tag = buffer.AsSpan(sealedLength, SecureMediaLayout.OriginTagSize);
        var packet = buffer.AsSpan(0, packetLength);
        var members = Volatile.Read(ref _members);
        int sent = 0, errors = 0;
        foreach (var member in members)
        {
            var endpoint = member.Endpoint;
            var session = endpoint.Session;
            var route = endpoint.Route;
            if (session is null || (route is null && !endpoint.UsesMqttMedia))
            {
                member.NotRouted++;
                continue;
            }

            try
            {
                session.Origin.WriteTag(sealedPart, tag);
                if (endpoint.UsesMqttMedia)
                {
                    if (!_outbox.TryPublishMedia(endpoint.MediaTopic, packet))
                    {
                        member.SendErrors++;
                        errors++;
                        continue;
                    }
                }
                else
                {
                    _udp.SendTo(packet, route!.Address);
                }

                member.PacketsSent++;
                sent++;
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // ObjectDisposedException: the endpoint re-handshook and its old keys were disposed under us.
                member.SendErrors++;
                errors++;
            }
        }

        _metrics.PacketsSent(sent);
        _metrics.SendErrors(errors);
    }

    private static void WaitUntil(long deadline)
    {
        while (true)
        {
            var remaining = (deadline - Stopwatch.GetTimestamp()) * 1000.0 / Stopwatch.Frequency;
            if (remaining <= 0)
            {
                return;
            }

            if (remaining > SpinBelowMilliseconds)
            {
                Thread.Sleep((int)(remaining - SpinBelowMilliseconds));
            }
            else
            {
                Thread.SpinWait(20);
            }
        }
    }
}
