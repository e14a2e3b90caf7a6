using System.Diagnostics;
using Broadcast.Audio.Ingest;
using Broadcast.Audit;
using Broadcast.Controller.Hosting;
using Broadcast.Controller.Metrics;
using Broadcast.Controller.Mqtt;
using Broadcast.Controller.Sessions;
using Broadcast.Controller.Streaming;
using Broadcast.Controller.Streaming.Live;
using Broadcast.Controller.Topology;
using Broadcast.Protocol.Control;
using Broadcast.Protocol.Media;
using Broadcast.Protocol.Rtp;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Broadcast.Controller.Broadcasts;

/// <summary>
/// Starts, preempts, resumes and ends broadcasts: asks the <see cref="BroadcastArbiter"/> who plays where, hands
/// channel keys and Play/Stop commands to the members over their control channels, runs one pacer per channel, sends
/// SenderReports and rekeys. All state changes happen under one lock; the pacers never take it on their media path.
/// Pause, resume and volume live in the other parts of this class.
/// </summary>
internal sealed partial class BroadcastManager(
    SessionTable sessions,
    TopologyIndex topology,
    ProgrammeLibrary library,
    UdpMediaSocket udp,
    MqttOutbox outbox,
    BroadcastMetrics metrics,
    IOptions<ControllerOptions> options,
    IOptions<LiveOptions> liveOptions,
    EndpointVolumes volumes,
    TimeProvider time,
    ILogger<BroadcastManager> logger,
    IAuditTrail? audit = null) : IHostedService, IPacerEvents, IDisposable
{
    // A rekeyed channel keeps sealing under the old key this many frames (1 s) so the new key reaches members first.
    private const int KeySwitchDelayFrames = 50;

    // After a revocation the switch comes sooner: 10 frames (200 ms, protocol section 11.2).
    private const int RevocationKeySwitchFrames = 10;

    // After a programme's last frame: endpoints may hold up to this much beyond the playout delay (adaptive buffer).
    private static readonly TimeSpan EndMargin = TimeSpan.FromMilliseconds(200);

    private readonly Lock _gate = new();
    private readonly BroadcastArbiter _arbiter = new();
    private readonly Dictionary<long, ActiveBroadcast> _active = [];
    private readonly HashSet<string> _revoked = new(StringComparer.Ordinal);
    private long _nextId;
    private uint _nextChannel;
    private uint _nextCommand;
    private ITimer? _rekeyTimer;

    /// <summary>Raised once per broadcast when it ends, outside the manager's lock, on the thread that ended it.</summary>
    public event Action<BroadcastEnded>? Ended;

    public async Task<StartOutcome> StartBroadcastAsync(BroadcastRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var targets = topology.Resolve(request.Target);
        if (!targets.IsOk)
        {
            return Refuse(request, StartFailure.BadRequest, targets.Error!);
        }

        if (request.LiveSource is { } liveText)
        {
            if (!LiveSource.TryParse(liveText, out var live, out var error))
            {
                return Refuse(request, StartFailure.BadRequest, error!);
            }

            return StartResolved(request, id => new LiveFrameSource(live!, id, liveOptions.Value, metrics, time, logger), targets.ClusterIds);
        }

        OpusProgramme programme;
        try
        {
            programme = await library.ResolveAsync(request.Items, request.Programme, cancellationToken, emergency: request.Priority == BroadcastPriority.Emergency).ConfigureAwait(false);
        }
        catch (ProgrammeException ex)
        {
            return Refuse(request, StartFailure.BadRequest, ex.Message);
        }

        var outcome = StartResolved(request, _ => new RecordedFrameSource(programme), targets.ClusterIds);
        if (outcome.Broadcast is { } started)
        {
            library.RecordUse(request.Items, request.Actor, started.Id, request.Priority == BroadcastPriority.Emergency);
        }

        return outcome;
    }

    private StartOutcome Refuse(BroadcastRequest request, StartFailure failure, string error)
    {
        audit?.Append(new AuditEvent(request.Actor, AuditActions.BroadcastRefused, string.Join(" + ", request.Items), "refused", [request.Target], null, $"{error} (origin {request.Origin})"));
        return StartOutcome.Fail(failure, error);
    }

    private StartOutcome StartResolved(BroadcastRequest request, Func<long, IFrameSource> createSource, IReadOnlyList<string> clusterIds)
    {
        var preempted = new List<(long Loser, string Endpoint)>();
        var outcome = StartLocked(request, createSource, clusterIds, preempted);
        if (outcome.Broadcast is null)
        {
            return Refuse(request, outcome.Failure, outcome.Error!);
        }

        var started = outcome.Broadcast;
        audit?.Append(new AuditEvent(request.Actor, AuditActions.BroadcastStart, $"broadcast {started.Id}", "ok", [request.Target], topology.CommunesOf(started.Targets),
            $"{request.Priority} priority, {string.Join(" + ", request.Items)}, {started.Targets.Count} endpoints, {started.Refused.Count} refused, origin {request.Origin}"));
        foreach (var group in preempted.GroupBy(p => p.Loser))
        {
            audit?.Append(new AuditEvent(AuditActors.System, AuditActions.BroadcastPreempt, $"broadcast {group.Key}", "preempted", [.. group.Select(g => g.Endpoint)], topology.CommunesOf([.. group.Select(g => g.Endpoint)]),
                $"preempted on {group.Count()} endpoints by broadcast {outcome.Broadcast.Id} ({request.Priority}); it resumes there when that one ends"));
        }

        return outcome;
    }

    private StartOutcome StartLocked(BroadcastRequest request, Func<long, IFrameSource> createSource, IReadOnlyList<string> clusterIds, List<(long Loser, string Endpoint)> preempted)
    {
        var o = options.Value;
        lock (_gate)
        {
            var id = ++_nextId;
            var decision = _arbiter.Request(id, request.Priority, clusterIds);
            var refused = decision.Refused.Select(r => new BroadcastRefusal(r.EndpointId, r.Holder, r.Reason)).ToList();
            foreach (var r in decision.Refused)
            {
                ControllerLog.BroadcastRefusedOn(logger, id, r.EndpointId, r.Reason);
            }

            if (decision.Granted.Count == 0)
            {
                return StartOutcome.Fail(StartFailure.Refused, $"broadcast refused on all {refused.Count} target endpoints: {refused[0].Reason}");
            }

            var channel = ++_nextChannel;
            var startWall = time.GetUtcNow() + o.StartLead;
            var startTimestamp = Stopwatch.GetTimestamp() + (long)(o.StartLead.TotalSeconds * Stopwatch.Frequency);
            var playout = NtpTimestamp.FromDateTimeOffset(startWall + o.PlayoutDelay);
            var keys = new ChannelKeyRing(channel, time, o.RekeyInterval);
            var granted = decision.Granted.Select(g => g.EndpointId).ToList();
            var source = createSource(id);
            var broadcast = new ActiveBroadcast(id, request, source, keys, granted, refused, playout, startWall);
            var reportEvery = (int)Math.Max(1, o.SenderReportInterval.TotalMilliseconds / PacerSchedule.FrameMilliseconds);
            broadcast.Pacer = new ChannelPacer(channel, source, keys.Current, udp, outbox, metrics, this, reportEvery);
            _active[id] = broadcast;
            metrics.BroadcastStarted();
            foreach (var grant in decision.Granted)
            {
                if (grant.Preempted is { } loserId && _active.TryGetValue(loserId, out var loser))
                {
                    Deactivate(loser, grant.EndpointId, sendStop: true);
                    preempted.Add((loserId, grant.EndpointId));
                }

                Activate(broadcast, grant.EndpointId);
            }

            // A live input connects during the start lead; until its cushion is full the pacer sends nothing.
            (source as LiveFrameSource)?.Start();
            broadcast.Pacer.Start(startTimestamp);
            if (request.Priority == BroadcastPriority.Emergency)
            {
                ControllerLog.EmergencyStarted(logger, id, channel, source.Label, request.Target, granted.Count);
            }
            else
            {
                ControllerLog.BroadcastStarted(logger, id, channel, request.Priority, source.Label, request.Target, granted.Count, refused.Count);
            }

            return new StartOutcome(broadcast.ToInfo(), StartFailure.None, null);
        }
    }


    /// <summary>Ends broadcast <paramref name="id"/>; what it preempted resumes. False when no such broadcast runs.</summary>
    public bool Stop(long id, string reason = "stopped by operator") => End(id, reason);

    public IReadOnlyList<BroadcastInfo> List()
    {
        lock (_gate)
        {
            return [.. _active.Values.OrderBy(b => b.Id).Select(b => b.ToInfo())];
        }
    }

    public BroadcastInfo? Find(long id)
    {
        lock (_gate)
        {
            return _active.TryGetValue(id, out var b) ? b.ToInfo() : null;
        }
    }

    /// <summary>Channel id playing on an endpoint according to the arbiter (0: none).</summary>
    public uint ChannelOn(string endpointId)
    {
        lock (_gate)
        {
            return !_revoked.Contains(endpointId) && _arbiter.ActiveOn(endpointId) is { } id && _active.TryGetValue(id, out var b) ? b.Channel : 0;
        }
    }

    /// <summary>A (re-)handshake completed: send the current key and Play of what plays there (protocol section 5.3).</summary>
    public void OnSessionEstablished(EndpointRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_gate)
        {
            if (!_revoked.Contains(record.Id) && _arbiter.ActiveOn(record.Id) is { } id && _active.TryGetValue(id, out var broadcast))
            {
                SendKeyAndPlay(broadcast, record);
            }
        }
    }

    /// <summary>
    /// Revocation (protocol section 10): Bye(revoked) first, then the endpoint leaves every channel it holds or held
    /// a key of, those channels are rekeyed at once (the new key goes only to the remaining members, sealing switches
    /// <see cref="RevocationKeySwitchFrames"/> later, protocol section 11.2), no origin tag is written for it any more
    /// and its session is dropped. It is never activated again until <see cref="Reinstate"/>.
    /// </summary>
    /// <returns>Whether a Bye was queued (the endpoint had a session) and how many channels were rekeyed.</returns>
    public (bool ByeSent, int ChannelsRekeyed) Revoke(string endpointId)
    {
        ArgumentNullException.ThrowIfNull(endpointId);
        lock (_gate)
        {
            _revoked.Add(endpointId);
            var record = sessions.Find(endpointId);
            var byeSent = record?.Session is not null && SendInner(record, new ByeMessage(ErrorCode.Revoked).TryWrite);

            var rekeyed = 0;
            foreach (var broadcast in _active.Values)
            {
                // Delivery: a preempted member still holds the key it was sent; that channel must move on too.
                if (broadcast.Pacer is { } pacer && (broadcast.Keys.Members.Contains(endpointId) || broadcast.Delivery.ContainsKey(endpointId)))
                {
                    pacer.RemoveMember(endpointId);
                    var key = broadcast.Keys.Revoke(endpointId);
                    DistributeKey(broadcast, key);
                    pacer.ScheduleKey(key, pacer.Frame + RevocationKeySwitchFrames);
                    ControllerLog.Rekeyed(logger, broadcast.Channel, key.KeyId, pacer.Members.Count);
                    rekeyed++;
                }
            }

            if (record is not null)
            {
                // The pacers no longer list it, and without a session nothing can tag or seal for it.
                sessions.Install(record, null);
            }

            return (byeSent, rekeyed);
        }
    }

    /// <summary>The registry lists <paramref name="endpointId"/> as not revoked again (re-provisioned with a new key).</summary>
    public void Reinstate(string endpointId)
    {
        lock (_gate)
        {
            _revoked.Remove(endpointId);
        }
    }

    public void OnSenderReport(ChannelPacer pacer, long frame, uint packetCount, uint octetCount)
    {
        ThreadPool.UnsafeQueueUserWorkItem(_ => SendSenderReport(pacer, frame, packetCount, octetCount), null);
    }

    public void OnFinished(ChannelPacer pacer, bool completed)
    {
        if (completed)
        {
            _ = EndAfterPlayoutAsync(pacer.ChannelId);
        }
    }

    /// <summary>
    /// The last frame has just been sent but plays a playout delay later (protocol section 11.2), and Stop makes an
    /// endpoint discard its buffer: ending at once cut the last 500 ms of every programme (seen in the recordings of
    /// the integration tests). Wait for the tail to play, plus a margin for endpoints whose jitter buffer grew.
    /// </summary>
    private async Task EndAfterPlayoutAsync(uint channel)
    {
        await Task.Delay(options.Value.PlayoutDelay + EndMargin, time).ConfigureAwait(false);
        EndByChannel(channel, "programme finished", completed: true);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _rekeyTimer = time.CreateTimer(_ => RekeyDue(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        return Task.CompletedTask;
    }

    /// <summary>Graceful shutdown: every broadcast ends with Stop to its members, then every endpoint gets Bye(Shutdown).</summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        _rekeyTimer?.Dispose();
        long[] ids;
        lock (_gate)
        {
            ids = [.. _active.Keys];
        }

        foreach (var id in ids)
        {
            End(id, "controller shutting down");
        }

        foreach (var record in sessions.All)
        {
            if (record.Session is not null)
            {
                SendInner(record, new ByeMessage(ErrorCode.Shutdown).TryWrite);
            }
        }

        return Task.CompletedTask;
    }

    public void Dispose() => _rekeyTimer?.Dispose();

    private bool End(long id, string reason, bool completed = false)
    {
        ActiveBroadcast? broadcast;
        lock (_gate)
        {
            if (!_active.Remove(id, out broadcast))
            {
                return false;
            }

            var changes = _arbiter.Release(id);
            foreach (var member in broadcast.Pacer!.Members)
            {
                Deactivate(broadcast, member.Endpoint.Id, sendStop: true);
            }

            foreach (var change in changes)
            {
                if (change.Resumed is { } resumed && _active.TryGetValue(resumed, out var waiting))
                {
                    Activate(waiting, change.EndpointId);
                }
            }
        }

        broadcast.Pacer.Stop();
        broadcast.Source.Dispose();
        broadcast.Keys.Dispose();
        metrics.BroadcastEnded();
        ControllerLog.BroadcastEnded(logger, id, broadcast.Channel, reason);
        var ended = new BroadcastEnded(id, broadcast.Request, reason, completed, broadcast.StartWall, time.GetUtcNow(), broadcast.Targets);
        audit?.Append(new AuditEvent(broadcast.Request.Actor, completed ? AuditActions.BroadcastEnd : AuditActions.BroadcastStop, $"broadcast {id}", completed ? "completed" : "stopped",
            [broadcast.Request.Target], topology.CommunesOf(broadcast.Targets), $"{reason}; {broadcast.Pacer.FramesSent} {(broadcast.Source.FrameCount is { } total ? $"of {total} frames sent" : "frames relayed live")}"));
        Ended?.Invoke(ended);
        return true;
    }

    private void EndByChannel(uint channel, string reason, bool completed)
    {
        long? id;
        lock (_gate)
        {
            id = _active.Values.FirstOrDefault(b => b.Channel == channel)?.Id;
        }

        if (id is { } found)
        {
            End(found, reason, completed);
        }
    }

    private void Activate(ActiveBroadcast broadcast, string endpointId)
    {
        var record = sessions.Find(endpointId);
        if (record is null || _revoked.Contains(endpointId))
        {
            return;
        }

        if (!broadcast.Delivery.TryGetValue(endpointId, out var member))
        {
            member = new PacerMember(record);
            broadcast.Delivery[endpointId] = member;
        }

        broadcast.Keys.AddMember(endpointId);
        SendKeyAndPlay(broadcast, record);
        broadcast.Pacer!.AddMember(member);
    }

    private void Deactivate(ActiveBroadcast broadcast, string endpointId, bool sendStop)
    {
        broadcast.Pacer!.RemoveMember(endpointId);
        broadcast.Keys.RemoveMember(endpointId);
        if (sendStop && sessions.Find(endpointId) is { } record)
        {
            SendCommand(broadcast, record, CommandKind.Stop);
        }
    }

    /// <summary>The current key, and Play unless the broadcast is paused (its Play goes out when it resumes).</summary>
    private void SendKeyAndPlay(ActiveBroadcast broadcast, EndpointRecord record)
    {
        var key = new ChannelKeyMessage(broadcast.Keys.Current);
        SendInner(record, key.TryWrite);
        if (!broadcast.Paused)
        {
            SendCommand(broadcast, record, CommandKind.Play);
        }
    }

    private bool SendCommand(ActiveBroadcast broadcast, EndpointRecord record, CommandKind kind)
    {
        var command = new CommandMessage(
            Interlocked.Increment(ref _nextCommand), kind, (byte)broadcast.Request.Priority, VolumeFor(broadcast, record.Id), broadcast.Channel,
            kind == CommandKind.Play ? broadcast.PlayoutStartNtp : 0);
        return SendInner(record, command.TryWrite);
    }

    private void SendSenderReport(ChannelPacer pacer, long frame, uint packetCount, uint octetCount)
    {
        ActiveBroadcast? broadcast;
        lock (_gate)
        {
            broadcast = _active.Values.FirstOrDefault(b => b.Pacer == pacer);
        }

        if (broadcast is null)
        {
            return;
        }

        var ntp = NtpTimestamp.FromDateTimeOffset(broadcast.StartWall + PacerSchedule.NominalOffset(frame));
        var report = new SenderReportMessage(new RtcpSenderReport(pacer.ChannelId, ntp, PacerSchedule.RtpTimestampOf(frame), packetCount, octetCount));
        foreach (var member in pacer.Members)
        {
            SendInner(member.Endpoint, report.TryWrite);
        }
    }

    private void RekeyDue()
    {
        lock (_gate)
        {
            foreach (var broadcast in _active.Values)
            {
                if (broadcast.Keys.IsRekeyDue && broadcast.Pacer is { } pacer)
                {
                    var key = broadcast.Keys.Rekey();
                    DistributeKey(broadcast, key);
                    pacer.ScheduleKey(key, pacer.Frame + KeySwitchDelayFrames);
                    ControllerLog.Rekeyed(logger, broadcast.Channel, key.KeyId, pacer.Members.Count);
                }
            }
        }
    }

    private void DistributeKey(ActiveBroadcast broadcast, ChannelKey key)
    {
        var message = new ChannelKeyMessage(key);
        foreach (var member in broadcast.Pacer!.Members)
        {
            SendInner(member.Endpoint, message.TryWrite);
        }
    }

    private delegate bool InnerWriter(Span<byte> destination, out int written);

    private bool SendInner(EndpointRecord record, InnerWriter write)
    {
        if (record.Session is not { } session)
        {
            return false;
        }

        Span<byte> inner = stackalloc byte[ControlChannel.MaxPlaintextSize];
        if (!write(inner, out var length))
        {
            return false;
        }

        byte[]? envelope;
        try
        {
            envelope = session.Seal(inner[..length]);
        }
        catch (ObjectDisposedException)
        {
            envelope = null; // Replaced by a re-handshake meanwhile; the new session gets its own key and Play.
        }

        if (envelope is null || !outbox.TryPublishControl(record.CommandTopic, envelope))
        {
            ControllerLog.ControlDropped(logger, record.Id, "control message");
            return false;
        }

        return true;
    }
}
