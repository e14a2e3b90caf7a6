using Broadcast.Monitoring.Book;
using Broadcast.Monitoring.Grouping;
using Broadcast.Monitoring.Hosting;

namespace Broadcast.Monitoring.Notifications;

/// <summary>
/// Decides what goes to the webhook, once per alert: a group at once; an endpoint alert only after
/// <see cref="MonitoringOptions.GroupWindow"/>, when it is clear no storm will take it in (a storm's members are covered
/// by the group's one message); a missed slot at once. A resolution is sent for what was sent as raised.
/// </summary>
internal sealed class AlertNotifier(MonitoringOptions options)
{
    public List<WebhookMessage> Collect(AlertChanges changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var messages = new List<WebhookMessage>();
        foreach (var resolved in changes.Resolved.Where(a => a.NotifiedAt is not null && (a.IsGroup || a.GroupId is null)))
        {
            messages.Add(ToMessage(WebhookMessage.ResolvedEvent, resolved, null));
        }

        var active = changes.Active;
        foreach (var alert in active.Where(a => a.NotifiedAt is null).OrderByDescending(a => a.IsGroup))
        {
            if (alert.IsGroup)
            {
                var members = active.Where(m => m.GroupId == alert.Id).ToList();
                foreach (var member in members)
                {
                    MarkNotified(changes, member);
                }

                messages.Add(ToMessage(WebhookMessage.RaisedEvent, alert, [.. members.Select(m => m.Subject)]));
                MarkNotified(changes, alert);
            }
            else if (alert.GroupId is not null)
            {
                MarkNotified(changes, alert);
            }
            else if (!StormGrouper.IsGroupable(alert.Kind) || changes.Now - alert.RaisedAt >= options.GroupWindow)
            {
                messages.Add(ToMessage(WebhookMessage.RaisedEvent, alert, null));
                MarkNotified(changes, alert);
            }
        }

        return messages;
    }

    private static void MarkNotified(AlertChanges changes, AlertRecord alert)
    {
        alert.NotifiedAt ??= changes.Now;
        changes.Touch(alert);
    }

    private static WebhookMessage ToMessage(string @event, AlertRecord a, IReadOnlyList<string>? members) =>
        new(@event, a.Id, a.Kind, a.Severity, a.Subject, a.Commune, a.Message, a.RaisedAt, a.ResolvedAt, a.Count, members);
}
