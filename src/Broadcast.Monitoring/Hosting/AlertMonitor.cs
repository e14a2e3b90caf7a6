using Broadcast.Audit;
using Broadcast.Controller.Sessions;
using Broadcast.Monitoring.Book;
using Broadcast.Monitoring.Conditions;
using Broadcast.Monitoring.Grouping;
using Broadcast.Monitoring.Notifications;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Broadcast.Monitoring.Hosting;

/// <summary>
/// One poll: reads what the controller, its security counters and the audit trail show, turns it into observations,
/// and applies them to the book in one transaction (deduplicate, resolve, group, decide notifications), then hands
/// the notifications to the webhook queue. The controller never calls the monitor; the monitor only reads.
/// </summary>
internal sealed class AlertMonitor
{
    private readonly AlertBook _book;
    private readonly SessionTableProbe _probe;
    private readonly EndpointConditions _endpoints;
    private readonly SecurityConditions _security;
    private readonly StormGrouper _grouper;
    private readonly AlertNotifier _notifier;
    private readonly WebhookSender _webhook;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SecurityEventCounter? _counter;
    private readonly SlotMissedFeed? _slots;

    public AlertMonitor(
        AlertBook book,
        SessionTableProbe probe,
        MonitoringOptions options,
        WebhookSender webhook,
        TimeProvider time,
        ILogger<AlertMonitor>? logger = null,
        SecurityEventCounter? counter = null,
        IAuditTrail? audit = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _book = book;
        _probe = probe;
        _endpoints = new EndpointConditions(options);
        _security = new SecurityConditions(options);
        _grouper = new StormGrouper(options);
        _notifier = new AlertNotifier(options);
        _webhook = webhook;
        _time = time;
        _logger = logger ?? NullLogger<AlertMonitor>.Instance;
        _counter = counter;
        _slots = audit is null ? null : new SlotMissedFeed(audit);
    }

    /// <summary>Polls once at the clock's current time. Not reentrant: one caller (the monitor service, or a test).</summary>
    public PollOutcome Poll()
    {
        var now = _time.GetUtcNow();
        var observations = new List<Observation>(_endpoints.Evaluate(_probe.Read(), now));
        if (_counter is not null)
        {
            observations.AddRange(_security.Evaluate(_counter.Snapshot(), _probe.CommuneOf, now));
        }

        long? cursorBefore = null;
        long? cursorAfter = null;
        if (_slots is not null)
        {
            cursorBefore = _book.Cursor(SlotMissedFeed.CursorName);
            (var slotObservations, cursorAfter) = _slots.Read(cursorBefore, now);
            observations.AddRange(slotObservations);
        }

        var (raised, resolved, messages) = _book.Change(now, changes =>
        {
            foreach (var observation in observations)
            {
                changes.Apply(observation);
            }

            _grouper.Regroup(changes);
            if (cursorAfter is { } cursor && cursor != cursorBefore)
            {
                changes.SetCursor(SlotMissedFeed.CursorName, cursor);
            }

            var notifications = _notifier.Collect(changes);
            return (changes.Raised.ToList(), changes.Resolved.ToList(), notifications);
        });

        foreach (var alert in raised)
        {
            MonitoringLog.Raised(_logger, alert.Id, alert.Kind, alert.Severity, alert.Message);
        }

        foreach (var alert in resolved)
        {
            MonitoringLog.Resolved(_logger, alert.Id, alert.Kind, alert.Subject);
        }

        foreach (var message in messages)
        {
            _webhook.Enqueue(message);
        }

        return new PollOutcome(raised.Count, resolved.Count, messages.Count);
    }
}
