namespace Broadcast.Monitoring.Alerts;

/// <summary>
/// One alert as the API and the console show it. A storm of one kind in one commune is one group alert (subject
/// <c>commune:NAME</c>) whose <see cref="Members"/> are the endpoints' own alerts.
/// </summary>
/// <param name="Id">Stable across restarts.</param>
/// <param name="Kind">What the alert is about.</param>
/// <param name="Severity">How urgently to look.</param>
/// <param name="Subject">The endpoint id, <c>schedule N</c> for a missed slot, or <c>commune:NAME</c> for a group.</param>
/// <param name="Commune">The commune's name; null when the subject spans several communes or none is known.</param>
/// <param name="Message">One sentence a technician can act on.</param>
/// <param name="RaisedAt">When the condition was first seen (for a group: when the storm was recognised).</param>
/// <param name="LastSeenAt">The last time the condition was seen to hold.</param>
/// <param name="Count">
/// Occurrences: refused Hellos, wrong-address attempts or missed slots; for offline and loss, how many times the
/// condition came back before the alert resolved; for a group, its members.
/// </param>
/// <param name="State">Open, acknowledged or resolved.</param>
/// <param name="AcknowledgedBy">Who acknowledged it (a login name, or <c>local</c>).</param>
/// <param name="AcknowledgedAt">When it was acknowledged.</param>
/// <param name="ResolvedAt">When its condition cleared.</param>
/// <param name="GroupId">The group alert this alert belongs to.</param>
/// <param name="Members">A group's member alerts; null for an alert that is not a group.</param>
public sealed record AlertView(
    long Id,
    AlertKind Kind,
    AlertSeverity Severity,
    string Subject,
    string? Commune,
    string Message,
    DateTimeOffset RaisedAt,
    DateTimeOffset LastSeenAt,
    int Count,
    AlertState State,
    string? AcknowledgedBy,
    DateTimeOffset? AcknowledgedAt,
    DateTimeOffset? ResolvedAt,
    long? GroupId,
    IReadOnlyList<AlertView>? Members);
