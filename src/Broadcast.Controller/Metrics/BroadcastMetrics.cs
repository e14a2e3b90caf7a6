using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Broadcast.Controller.Metrics;

/// <summary>
/// The controller's instruments (meter <c>Broadcast.Controller</c>). Each method updates the instrument and a running
/// total kept here, so <see cref="Snapshot"/> serves the API without a listener on the hot path.
/// </summary>
internal sealed class BroadcastMetrics
{
    public const string MeterName = "Broadcast.Controller";

    private readonly Counter<long> _packetsSent;
    private readonly Counter<long> _sendErrors;
    private readonly Histogram<double> _lateness;
    private readonly Counter<long> _handshakes;
    private readonly Counter<long> _udpRefused;
    private readonly Counter<long> _liveStarved;
    private readonly Counter<long> _liveFailures;
    private readonly LatenessHistogram _latenessHistogram = new();
    private readonly ConcurrentDictionary<string, long> _refused = new(StringComparer.Ordinal);
    private long _packetsSentTotal;
    private long _sendErrorsTotal;
    private long _accepted;
    private long _online;
    private long _udpRefusedTotal;
    private long _active;
    private long _liveStarvedTotal;
    private long _liveFailuresTotal;

    public BroadcastMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _packetsSent = meter.CreateCounter<long>("broadcast.rtp.packets_sent", "{packet}", "Media packets handed to the socket or the MQTT queue");
        _sendErrors = meter.CreateCounter<long>("broadcast.rtp.send_errors", "{packet}", "Media packets that could not be sent to one endpoint");
        _lateness = meter.CreateHistogram<double>("broadcast.pacer.lateness", "ms", "How late each 20 ms frame left after its deadline");
        _handshakes = meter.CreateCounter<long>("broadcast.handshakes", "{handshake}", "Hellos handled, by result");
        _udpRefused = meter.CreateCounter<long>("broadcast.udp.registrations_refused", "{packet}", "UDP registrations refused (binding, session)");
        _liveStarved = meter.CreateCounter<long>("broadcast.live.frames_starved", "{frame}", "Deadlines at which a live source had no frame, so nothing was sent");
        _liveFailures = meter.CreateCounter<long>("broadcast.live.input_failures", "{failure}", "Live inputs that failed and were restarted after a back-off");
        meter.CreateObservableGauge("broadcast.endpoints.online", () => Interlocked.Read(ref _online), "{endpoint}", "Endpoints with a live session and heartbeat");
        meter.CreateObservableGauge("broadcast.broadcasts.active", () => Interlocked.Read(ref _active), "{broadcast}", "Broadcasts running (paused ones included)");
    }

    public void PacketsSent(int count)
    {
        if (count == 0)
        {
            return;
        }

        Interlocked.Add(ref _packetsSentTotal, count);
        if (_packetsSent.Enabled)
        {
            _packetsSent.Add(count);
        }
    }

    public void SendErrors(int count)
    {
        if (count == 0)
        {
            return;
        }

        Interlocked.Add(ref _sendErrorsTotal, count);
        if (_sendErrors.Enabled)
        {
            _sendErrors.Add(count);
        }
    }

    public void PacerLateness(double milliseconds)
    {
        _latenessHistogram.Record(milliseconds);
        if (_lateness.Enabled)
        {
            _lateness.Record(milliseconds);
        }
    }

    public void HandshakeAccepted()
    {
        Interlocked.Increment(ref _accepted);
        _handshakes.Add(1, new KeyValuePair<string, object?>("result", "accepted"));
    }

    public void HandshakeRefused(string reason)
    {
        _refused.AddOrUpdate(reason, 1, static (_, n) => n + 1);
        _handshakes.Add(1, new KeyValuePair<string, object?>("result", reason));
    }

    public void UdpRegistrationRefused()
    {
        Interlocked.Increment(ref _udpRefusedTotal);
        _udpRefused.Add(1);
    }

    /// <summary>Called by the pacer thread: one Interlocked add and, with a listener, one untagged counter add.</summary>
    public void LiveFrameStarved()
    {
        Interlocked.Increment(ref _liveStarvedTotal);
        if (_liveStarved.Enabled)
        {
            _liveStarved.Add(1);
        }
    }

    public void LiveInputFailed()
    {
        Interlocked.Increment(ref _liveFailuresTotal);
        _liveFailures.Add(1);
    }

    public void BroadcastStarted() => Interlocked.Increment(ref _active);

    public void BroadcastEnded() => Interlocked.Decrement(ref _active);

    /// <summary>Copies the lateness histogram's buckets (for the periodic log's p99 over its own interval).</summary>
    public long CopyLatenessBuckets(long[] destination) => _latenessHistogram.CopyTo(destination);

    public void EndpointOnline() => Interlocked.Increment(ref _online);

    public void EndpointOffline() => Interlocked.Decrement(ref _online);

    public MetricsSnapshot Snapshot() => new(
        Interlocked.Read(ref _packetsSentTotal),
        Interlocked.Read(ref _sendErrorsTotal),
        _latenessHistogram.Count,
        _latenessHistogram.Quantile(0.50),
        _latenessHistogram.Quantile(0.99),
        _latenessHistogram.MaxMilliseconds,
        Interlocked.Read(ref _online),
        Interlocked.Read(ref _accepted),
        new SortedDictionary<string, long>(_refused, StringComparer.Ordinal),
        Interlocked.Read(ref _udpRefusedTotal),
        Interlocked.Read(ref _active),
        Interlocked.Read(ref _liveStarvedTotal),
        Interlocked.Read(ref _liveFailuresTotal));
}
