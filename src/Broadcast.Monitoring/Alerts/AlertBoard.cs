using Broadcast.Audit;
using Broadcast.Audit.Storage;
using Broadcast.Controller.Topology;
using Broadcast.Monitoring.Book;
using Broadcast.Monitoring.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Broadcast.Monitoring.Alerts;

/// <summary>The alerts for people: lists, acknowledgement (saved, then recorded in the audit trail), counts.</summary>
internal sealed class AlertBoard(AlertBook book, TopologyIndex topology, TimeProvider time, ILogger<AlertBoard>? logger = null, IAuditTrail? audit = null) : IAlertBoard
{
    private readonly ILogger _logger = logger ?? NullLogger<AlertBoard>.Instance;

    public IReadOnlyList<AlertView> List(AlertListQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Limit is < 1 or > AlertListQuery.MaxLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.Limit, $"limit {query.Limit} is outside 1 to {AlertListQuery.MaxLimit}");
        }

        string? commune = null;
        if (!string.IsNullOrWhiteSpace(query.Commune))
        {
            commune = topology.FindCommune(query.Commune.Trim())?.Name
                ?? throw new UnknownCommuneException($"commune '{query.Commune}' is not in the district topology {topology.Source}; give a commune's id, code or name");
        }

        return book.List(query.State, commune, query.Limit);
    }

    public AlertView? Find(long id) => book.Find(id);

    public AcknowledgeOutcome Acknowledge(long id, string actor)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var status = book.Change(time.GetUtcNow(), changes =>
        {
            if (changes.Find(id) is not { } alert)
            {
                return AcknowledgeStatus.NotFound;
            }

            if (alert.State == AlertState.Resolved)
            {
                return AcknowledgeStatus.Resolved;
            }

            if (!changes.Acknowledge(alert, actor))
            {
                return AcknowledgeStatus.AlreadyAcknowledged;
            }

            if (alert.IsGroup)
            {
                foreach (var member in changes.Active.Where(m => m.GroupId == alert.Id))
                {
                    changes.Acknowledge(member, actor);
                }
            }

            return AcknowledgeStatus.Acknowledged;
        });

        var view = book.Find(id);
        if (status == AcknowledgeStatus.Acknowledged && view is not null)
        {
            MonitoringLog.Acknowledged(_logger, id, actor);
            Record(view, actor);
        }

        return new AcknowledgeOutcome(status, view);
    }

    public AlertSummary Summary()
    {
        var alerts = book.Active().Where(a => a.Members is null).ToList();
        return new AlertSummary(
            alerts.Count(a => a.State == AlertState.Open),
            alerts.Count(a => a.State == AlertState.Acknowledged),
            [.. alerts.GroupBy(a => a.Kind).OrderBy(g => g.Key).Select(g => new AlertKindCount(g.Key, Open(g), Acknowledged(g)))],
            [.. alerts.GroupBy(a => a.Commune).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new AlertCommuneCount(g.Key, Open(g), Acknowledged(g)))]);

        static int Open(IEnumerable<AlertView> g) => g.Count(a => a.State == AlertState.Open);
        static int Acknowledged(IEnumerable<AlertView> g) => g.Count(a => a.State == AlertState.Acknowledged);
    }

    private void Record(AlertView alert, string actor)
    {
        if (audit is null)
        {
            return;
        }

        try
        {
            IReadOnlyList<string> targets = alert.Members is { } members ? [.. members.Select(m => m.Subject)] : [alert.Subject];
            audit.Append(new AuditEvent(
                actor,
                MonitoringAuditActions.AlertAcknowledge,
                $"alert {alert.Id}",
                "ok",
                targets,
                alert.Commune is null ? null : [alert.Commune],
                $"{alert.Kind}: {alert.Message}"));
        }
        catch (AuditStoreException ex)
        {
            // The acknowledgement is saved and shown; only its trail entry is missing, which the log now records.
            MonitoringLog.AuditFailed(_logger, alert.Id, actor, ex.Message);
        }
    }
}
