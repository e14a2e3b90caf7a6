using System.Globalization;
using Broadcast.Monitoring.Alerts;
using Broadcast.Monitoring.Book;
using Broadcast.Monitoring.Hosting;

namespace Broadcast.Monitoring.Conditions;

/// <summary>
/// Offline and packet-loss conditions from endpoint snapshots, with the memory each needs between polls: since when an
/// endpoint has been offline, and since when its loss has been below the threshold (hysteresis).
/// </summary>
/// <remarks>
/// TODO(store and forward, issue #8 item 1): <see cref="AlertKind.CacheFull"/> needs the endpoint's cache size in its
/// Status, which endpoints do not report yet (<c>CachedItems</c> counts items, not bytes against a capacity). When the
/// Status carries it, raise CacheFull here while used/capacity is at or above a threshold and clear it below.
/// </remarks>
internal sealed class EndpointConditions(MonitoringOptions options)
{
    private readonly Dictionary<string, Track> _tracks = new(StringComparer.Ordinal);

    public IEnumerable<Observation> Evaluate(IReadOnlyList<EndpointSnapshot> endpoints, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var observations = new List<Observation>(endpoints.Count * 2);
        foreach (var endpoint in endpoints)
        {
            if (!endpoint.Monitored)
            {
                // Revoked or never provisioned: whatever was raised for it no longer needs anyone.
                _tracks.Remove(endpoint.Id);
                observations.Add(Observation.Cleared(AlertKind.EndpointOffline, endpoint.Id));
                observations.Add(Observation.Cleared(AlertKind.PacketLoss, endpoint.Id));
                continue;
            }

            if (!_tracks.TryGetValue(endpoint.Id, out var track))
            {
                track = new Track();
                _tracks[endpoint.Id] = track;
            }

            if (Offline(endpoint, track, now) is { } offline)
            {
                observations.Add(offline);
            }

            if (Loss(endpoint, track, now) is { } loss)
            {
                observations.Add(loss);
            }
        }

        return observations;
    }

    private Observation? Offline(EndpointSnapshot endpoint, Track track, DateTimeOffset now)
    {
        if (endpoint.Online)
        {
            track.OfflineSince = null;
            return Observation.Cleared(AlertKind.EndpointOffline, endpoint.Id);
        }

        // Measured from the first poll that saw it offline: the controller marks it offline at once on its last will,
        // or after missed heartbeats, and does not say when.
        track.OfflineSince ??= now;
        if (now - track.OfflineSince < options.OfflineAfter)
        {
            // Not yet an alert; nothing to clear either (an alert from before a restart stays until it comes back).
            return null;
        }

        var heard = endpoint.LastSeen is { } seen
            ? "last heard " + seen.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC"
            : "not heard since the controller started";
        var where = endpoint.Commune is null ? string.Empty : $" ({endpoint.Commune})";
        return new Observation(AlertKind.EndpointOffline, endpoint.Id, endpoint.Commune, AlertSeverity.Critical, $"{endpoint.Id}{where} is offline: {heard}", 0, Holds: true);
    }

    private Observation? Loss(EndpointSnapshot endpoint, Track track, DateTimeOffset now)
    {
        // Offline, or no Status yet: the last figure is stale, so the loss alert neither updates nor clears.
        if (!endpoint.Online || endpoint.LossPerTenThousand is not { } loss)
        {
            return null;
        }

        var percent = loss / 100.0;
        if (percent >= options.LossThreshold)
        {
            // A rise after a dip that did not last long enough to resolve the alert is another occurrence of it.
            var occurrence = track.LossAbove ? 0 : 1;
            track.LossAbove = true;
            track.LossBelowSince = null;
            var where = endpoint.Commune is null ? string.Empty : $" ({endpoint.Commune})";
            var message = string.Create(CultureInfo.InvariantCulture, $"{endpoint.Id}{where} reports {percent:0.##}% packet loss (threshold {options.LossThreshold:0.##}%)");
            return new Observation(AlertKind.PacketLoss, endpoint.Id, endpoint.Commune, AlertSeverity.Warning, message, occurrence, Holds: true);
        }

        track.LossAbove = false;
        track.LossBelowSince ??= now;
        return now - track.LossBelowSince >= options.LossClearAfter ? Observation.Cleared(AlertKind.PacketLoss, endpoint.Id) : null;
    }

    private sealed class Track
    {
        public DateTimeOffset? OfflineSince { get; set; }

        public bool LossAbove { get; set; }

        public DateTimeOffset? LossBelowSince { get; set; }
    }
}
