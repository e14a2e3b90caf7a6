using System.Collections.Concurrent;
using System.Net;
using Broadcast.Protocol.Handshake;

namespace Broadcast.Controller.Sessions;

/// <summary>
/// Running totals of refused Hellos and wrong-address attempts per endpoint id, for the monitor to read
/// (<c>BroadcastMetrics</c> counts refusals by reason only, district-wide). Totals only grow for the life of the
/// process: a reader keeps its own baseline and windows, so the control plane pays one dictionary update per refusal
/// and never reads a clock.
/// </summary>
internal sealed class SecurityEventCounter
{
    /// <summary>The id that collects refusals once <see cref="MaxTrackedIds"/> distinct ids are tracked.</summary>
    public const string OverflowId = "(other)";

    // Refused Hellos name the id of the topic they arrived on, which whoever can publish to the broker chooses: a
    // bound keeps a flood of invented ids from growing the table without limit (the district has ~300 clusters).
    internal const int MaxTrackedIds = 4096;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>
    /// Counts a refused Hello: <see cref="HandshakeStatus.AddressOutsideBinding"/> as a wrong-address attempt, every
    /// other refusal as a handshake failure.
    /// </summary>
    /// <param name="endpointId">The registration's id when the key decrypted, else the id of the topic.</param>
    /// <param name="status">Why the Hello was refused.</param>
    /// <param name="from">The address the broker reported for the sender, when it did.</param>
    public void HelloRefused(string endpointId, HandshakeStatus status, IPAddress? from)
    {
        var entry = EntryFor(endpointId);
        if (status == HandshakeStatus.AddressOutsideBinding)
        {
            entry.WrongAddress(from);
        }
        else
        {
            entry.HandshakeFailed(status, from);
        }
    }

    /// <summary>Counts a wrong-address attempt outside the handshake (a UDP registration from outside the binding).</summary>
    public void WrongAddress(string endpointId, IPAddress? from) => EntryFor(endpointId).WrongAddress(from);

    /// <summary>The totals of every endpoint with at least one event, in id order.</summary>
    public IReadOnlyList<Counts> Snapshot() =>
        [.. _entries.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => e.Value.Read(e.Key))];

    private Entry EntryFor(string endpointId)
    {
        ArgumentNullException.ThrowIfNull(endpointId);
        if (_entries.TryGetValue(endpointId, out var entry))
        {
            return entry;
        }

        // Two threads may both pass the bound by one: harmless, it only needs to be finite.
        return _entries.Count >= MaxTrackedIds
            ? _entries.GetOrAdd(OverflowId, static _ => new Entry())
            : _entries.GetOrAdd(endpointId, static _ => new Entry());
    }

    /// <summary>One endpoint's totals since the controller started.</summary>
    /// <param name="EndpointId">The id the events were counted under (<see cref="OverflowId"/> past the bound).</param>
    /// <param name="HandshakeFailures">Refused Hellos other than wrong-address ones.</param>
    /// <param name="WrongAddressAttempts">Hellos and UDP registrations from outside the endpoint's address binding.</param>
    /// <param name="LastAddress">The source address of the latest event, when the transport reported one.</param>
    /// <param name="LastReason">The latest handshake refusal, e.g. <c>Replayed</c>.</param>
    public sealed record Counts(string EndpointId, long HandshakeFailures, long WrongAddressAttempts, string? LastAddress, string? LastReason);

    private sealed class Entry
    {
        private readonly Lock _gate = new();
        private long _handshakeFailures;
        private long _wrongAddress;
        private string? _lastAddress;
        private string? _lastReason;

        public void HandshakeFailed(HandshakeStatus status, IPAddress? from)
        {
            lock (_gate)
            {
                _handshakeFailures++;
                _lastReason = status.ToString();
                _lastAddress = from?.ToString() ?? _lastAddress;
            }
        }

        public void WrongAddress(IPAddress? from)
        {
            lock (_gate)
            {
                _wrongAddress++;
                _lastAddress = from?.ToString() ?? _lastAddress;
            }
        }

        public Counts Read(string id)
        {
            lock (_gate)
            {
                return new Counts(id, _handshakeFailures, _wrongAddress, _lastAddress, _lastReason);
            }
        }
    }
}
