using Broadcast.Monitoring.Alerts;
using Broadcast.Monitoring.Book;
using Broadcast.Monitoring.Hosting;

namespace Broadcast.Monitoring.Grouping;

/// <summary>
/// Turns a storm into one alert: when more than <see cref="MonitoringOptions.GroupThreshold"/> endpoints of one commune
/// raise the same kind within <see cref="MonitoringOptions.GroupWindow"/>, a group alert holds them all. While the
/// group is active, later alerts of that kind and commune join it; it resolves when its last member does.
/// </summary>
internal sealed class StormGrouper(MonitoringOptions options)
{
    /// <summary>Kinds about one endpoint, which a commune-wide cause (power cut, backhaul down) can raise together.</summary>
    public static bool IsGroupable(AlertKind kind) => kind != AlertKind.SlotMissed;

    public void Regroup(AlertChanges changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var active = changes.Active;
        var members = active.Where(a => !a.IsGroup && a.GroupId is not null).ToLookup(a => a.GroupId!.Value);
        foreach (var group in active.Where(a => a.IsGroup))
        {
            Refresh(changes, group, [.. members[group.Id]]);
        }

        var loose = active.Where(a => !a.IsGroup && a.GroupId is null && a.Commune is not null && IsGroupable(a.Kind));
        foreach (var candidates in loose.GroupBy(a => (a.Kind, Commune: a.Commune!)))
        {
            if (changes.FindActive(new AlertKey(candidates.Key.Kind, AlertChanges.GroupSubject(candidates.Key.Commune))) is { } group)
            {
                Join(changes, group, [.. candidates]);
            }
            else if (candidates.Count(a => changes.Now - a.RaisedAt <= options.GroupWindow) > options.GroupThreshold)
            {
                Form(changes, candidates.Key.Kind, candidates.Key.Commune, [.. candidates]);
            }
        }
    }

    private static void Form(AlertChanges changes, AlertKind kind, string commune, List<AlertRecord> alerts)
    {
        var severity = alerts.Max(a => a.Severity);
        var group = changes.RaiseGroup(kind, commune, severity, GroupWording.Message(kind, commune, alerts.Count), alerts.Count);
        Join(changes, group, alerts);
    }

    private static void Join(AlertChanges changes, AlertRecord group, List<AlertRecord> alerts)
    {
        foreach (var alert in alerts)
        {
            alert.GroupId = group.Id;
            // The storm was taken in hand as a whole: a cluster that joins it later is part of what was acknowledged.
            if (group.State == AlertState.Acknowledged)
            {
                changes.Acknowledge(alert, group.AcknowledgedBy!, group.AcknowledgedAt);
            }

            changes.Touch(alert);
        }

        var all = changes.Active.Where(a => a.GroupId == group.Id).ToList();
        Refresh(changes, group, all);
    }

    private static void Refresh(AlertChanges changes, AlertRecord group, List<AlertRecord> members)
    {
        if (members.Count == 0)
        {
            changes.Resolve(group);
            return;
        }

        var message = GroupWording.Message(group.Kind, group.Commune!, members.Count);
        var seen = members.Max(m => m.LastSeenAt);
        var severity = members.Max(m => m.Severity);
        if (group.Count != members.Count || group.Message != message || group.LastSeenAt != seen || group.Severity != severity)
        {
            group.Count = members.Count;
            group.Message = message;
            group.LastSeenAt = seen;
            group.Severity = severity;
            changes.Touch(group);
        }
    }
}
