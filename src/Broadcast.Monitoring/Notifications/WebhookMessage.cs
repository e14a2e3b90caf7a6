using Broadcast.Monitoring.Alerts;

namespace Broadcast.Monitoring.Notifications;

/// <summary>
/// The JSON body of one webhook POST (docs/monitoring.md shows an example). One message per alert raised or resolved;
/// a storm is one message whose <see cref="Members"/> list the endpoints.
/// </summary>
/// <param name="Event"><c>raised</c> or <c>resolved</c>.</param>
/// <param name="Id">The alert id, as <c>GET /api/alerts/{id}</c> and <c>POST /api/alerts/{id}/ack</c> take it.</param>
/// <param name="Kind">What it is about.</param>
/// <param name="Severity">How urgently to look.</param>
/// <param name="Subject">The endpoint id, <c>schedule N</c>, or <c>commune:NAME</c> for a group.</param>
/// <param name="Commune">The commune's name, when the alert has one.</param>
/// <param name="Message">One sentence a technician can act on.</param>
/// <param name="RaisedAt">When the alert was raised.</param>
/// <param name="ResolvedAt">When it resolved (<c>resolved</c> messages only).</param>
/// <param name="Count">Occurrences, or a group's members.</param>
/// <param name="Members">The endpoints of a group alert; null for a single alert.</param>
public sealed record WebhookMessage(
    string Event,
    long Id,
    AlertKind Kind,
    AlertSeverity Severity,
    string Subject,
    string? Commune,
    string Message,
    DateTimeOffset RaisedAt,
    DateTimeOffset? ResolvedAt,
    int Count,
    IReadOnlyList<string>? Members)
{
    public const string RaisedEvent = "raised";

    public const string ResolvedEvent = "resolved";
}
