using System.Globalization;
using Broadcast.Controller.Sessions;
using Broadcast.Monitoring.Alerts;
using Broadcast.Monitoring.Book;
using Broadcast.Monitoring.Hosting;

namespace Broadcast.Monitoring.Conditions;

/// <summary>
/// Handshake-failure and wrong-address conditions from the controller's running totals: each poll's increase is
/// remembered with its time, and the sum over <see cref="MonitoringOptions.SecurityWindow"/> is compared with the
/// threshold (handshake failures) or with one (a wrong address is worth a look at the first attempt). An alert
/// resolves after a whole window without events, so a slow trickle stays one alert.
/// </summary>
internal sealed class SecurityConditions(MonitoringOptions options)
{
    // One track per id the counter reports; the counter bounds the ids (SecurityEventCounter.MaxTrackedIds) and
    // reports every one at each poll, so a track is kept for the life of the process to hold its baseline.
    private readonly Dictionary<string, Track> _tracks = new(StringComparer.Ordinal);

    public IEnumerable<Observation> Evaluate(IReadOnlyList<SecurityEventCounter.Counts> totals, Func<string, string?> communeOf, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(totals);
        ArgumentNullException.ThrowIfNull(communeOf);
        foreach (var total in totals)
        {
            if (!_tracks.TryGetValue(total.EndpointId, out var track))
            {
                track = new Track(communeOf(total.EndpointId));
                _tracks[total.EndpointId] = track;
            }

            track.Record(total, now);
        }

        var observations = new List<Observation>();
        foreach (var (id, track) in _tracks)
        {
            track.Forget(now - options.SecurityWindow);
            if (Check(id, track, track.Failures, options.HandshakeFailuresThreshold, AlertKind.HandshakeFailures) is { } failures)
            {
                observations.Add(failures);
            }

            if (Check(id, track, track.WrongAddresses, 1, AlertKind.WrongAddress) is { } wrong)
            {
                observations.Add(wrong);
            }
        }

        return observations;
    }

    private Observation? Check(string id, Track track, Counter counter, int threshold, AlertKind kind)
    {
        var inWindow = counter.InWindow;
        if (counter.Raised)
        {
            if (inWindow == 0)
            {
                counter.Raised = false;
                return Observation.Cleared(kind, id);
            }

            return counter.NewThisPoll > 0 ? Holding(id, track, kind, counter.NewThisPoll, inWindow) : null;
        }

        if (inWindow < threshold)
        {
            return null;
        }

        counter.Raised = true;
        return Holding(id, track, kind, inWindow, inWindow);
    }

    private Observation Holding(string id, Track track, AlertKind kind, long occurrences, long inWindow)
    {
        var minutes = options.SecurityWindow.TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture);
        var from = track.LastAddress is null ? string.Empty : " from " + track.LastAddress;
        var message = kind == AlertKind.WrongAddress
            ? $"{id}'s key was presented{from}, outside its address binding ({inWindow} times in the last {minutes} min): a moved cluster, a wrong binding, or a copied key"
            : $"{inWindow} Hellos of {id} refused in the last {minutes} min (latest: {track.LastReason ?? "unknown"}{from})";
        var severity = kind == AlertKind.WrongAddress ? AlertSeverity.Critical : AlertSeverity.Warning;
        return new Observation(kind, id, track.Commune, severity, message, (int)Math.Min(int.MaxValue, occurrences), Holds: true);
    }

    private sealed class Track(string? commune)
    {
        public string? Commune { get; } = commune;

        public Counter Failures { get; } = new();

        public Counter WrongAddresses { get; } = new();

        public string? LastAddress { get; private set; }

        public string? LastReason { get; private set; }

        public void Record(SecurityEventCounter.Counts total, DateTimeOffset now)
        {
            Failures.Record(total.HandshakeFailures, now);
            WrongAddresses.Record(total.WrongAddressAttempts, now);
            LastAddress = total.LastAddress;
            LastReason = total.LastReason;
        }

        public void Forget(DateTimeOffset before)
        {
            Failures.Forget(before);
            WrongAddresses.Forget(before);
        }
    }

    private sealed class Counter
    {
        private readonly Queue<(DateTimeOffset At, long Count)> _events = new();
        private long? _baseline;

        public long NewThisPoll { get; private set; }

        public long InWindow { get; private set; }

        public bool Raised { get; set; }

        public void Record(long total, DateTimeOffset now)
        {
            // The first sight of an id counts everything it has: its events happened since the controller started,
            // which is at most one poll ago unless the monitor started late.
            var delta = total - (_baseline ?? 0);
            _baseline = total;
            NewThisPoll = Math.Max(0, delta);
            if (NewThisPoll > 0)
            {
                _events.Enqueue((now, NewThisPoll));
                InWindow += NewThisPoll;
            }
        }

        public void Forget(DateTimeOffset before)
        {
            while (_events.TryPeek(out var e) && e.At <= before)
            {
                _events.Dequeue();
                InWindow -= e.Count;
            }
        }
    }
}
