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
/// takes the frame due from its <see cref="IFrameSource"/>, seals it once, then writes each member's origin tag into
/// the 16 spare bytes and sends. Channel frame n always carries RTP timestamp n x 960 (the playout clock of protocol
/// section 11.2 never stops): a frame the source does not have (a live input stalled) or that a pause holds back is
/// simply not sent. The loop allocates nothing, logs nothing, and a failing member costs only its own counter.
/// </summary>
internal sealed class ChannelPacer
{
    // Sleep while more than this is left, then spin: Thread.Sleep(1) overshoots by up to ~1 ms on Linux.
    private const double SpinBelowMilliseconds = 1.5;

    private readonly IFrameSource _source;
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

    // Channel frames before this one are not sent: long.MaxValue while paused.
    private long _sendFrom;
    private long _framesSent;
    private volatile bool _stop;
    private Thread? _thread;

    public ChannelPacer(uint channelId, IFrameSource source, ChannelKey key, UdpMediaSocket udp, MqttOutbox outbox, BroadcastMetrics metrics, IPacerEvents events, int senderReportEveryFrames)
    {
        ChannelId = channelId;
        _source = source;
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

    public IFrameSource Source => _source;

    /// <summary>Frames sealed and sent (to however many members) so far.</summary>
    public long FramesSent => Interlocked.Read(ref _framesSent);

    public bool Paused => Volatile.Read(ref _sendFrom) == long.MaxValue;

    /// <summary>Stops sending from the next deadline on; the schedule (and the channel's playout clock) runs on.</summary>
    public void Pause() => Volatile.Write(ref _sendFrom, long.MaxValue);

    /// <summary>Sends again from channel frame <paramref name="frame"/> on.</summary>
    public void ResumeAt(long frame) => Volatile.Write(ref _sendFrom, frame);

    /// <summary>The channel frame whose slot holds monotonic timestamp <paramref name="timestamp"/>.</summary>
    public long FrameAt(long timestamp) => Schedule.FrameAt(timestamp);

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
        var payload = new byte[SecureMediaLayout.MaxPayloadSize];
        var schedule = Schedule;
        uint octets = 0;
        uint packets = 0;
        long nextReport = 0;
        var completed = false;
        for (long n = 0; !_stop; n++)
        {
            WaitUntil(schedule.DeadlineOf(n));
            _metrics.PacerLateness(schedule.LatenessMilliseconds(n, Stopwatch.GetTimestamp()));
            Interlocked.Exchange(ref _frame, n);
            if (Volatile.Read(ref _pendingKey) is { } key && n >= Interlocked.Read(ref _pendingKeyFrame))
            {
                _sealer.UseKey(key);
                Volatile.Write(ref _pendingKey, null);
            }

            if (n < Volatile.Read(ref _sendFrom))
            {
                continue;
            }

            var read = _source.Read(n, payload, out var length);
            if (read == FrameRead.End)
            {
                completed = true;
                break;
            }

            if (read == FrameRead.Starved)
            {
                continue;
            }

            var header = new RtpHeader(n == 0, OpusRtp.PayloadType, unchecked((ushort)n), PacerSchedule.RtpTimestampOf(n), ChannelId);
            if (!_sealer.TrySeal(header, payload.AsSpan(0, length), buffer, out var sealedLength))
            {
                continue;
            }

            octets = unchecked(octets + (uint)length);
            packets = unchecked(packets + 1);
            Interlocked.Increment(ref _framesSent);
            SendToMembers(buffer, sealedLength);
            // Lab mode (protocol section 14): the same frame as plain RTP, one more SendTo; null while off.
            _lab?.Send(header, payload.AsSpan(0, length));
            if (n >= nextReport)
            {
                _events.OnSenderReport(this, n, packets, octets);
                nextReport = n + _senderReportEvery;
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
