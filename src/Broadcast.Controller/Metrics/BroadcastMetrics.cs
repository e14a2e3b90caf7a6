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
    private readonly LatenessHistogram _latenessHistogram = new();
    private readonly ConcurrentDictionary<string, long> _refused = new(StringComparer.Ordinal);
    private long _packetsSentTotal;
    private long _sendErrorsTotal;
    private long _accepted;
    private long _online;
    private long _udpRefusedTotal;

    public BroadcastMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _packetsSent = meter.CreateCounter<long>("broadcast.rtp.packets_sent", "{packet}", "Media packets handed to the socket or the MQTT queue");
        _sendErrors = meter.CreateCounter<long>("broadcast.rtp.send_errors", "{packet}", "Media packets that could not be sent to one endpoint");
        _lateness = meter.CreateHistogram<double>("broadcast.pacer.lateness", "ms", "How late each 20 ms frame left after its deadline");
        _handshakes = meter.CreateCounter<long>("broadcast.handshakes", "{handshake}", "Hellos handled, by result");
        _udpRefused = meter.CreateCounter<long>("broadcast.udp.registrations_refused", "{packet}", "UDP registrations refused (binding, session)");
        meter.CreateObservableGauge("broadcast.endpoints.online", () => Interlocked.Read(ref _online), "{endpoint}", "Endpoints with a live session and heartbeat");
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
        Interlocked.Read(ref _udpRefusedTotal));
}
