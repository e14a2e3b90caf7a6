using Broadcast.Monitoring.Alerts;

namespace Broadcast.Monitoring.Book;

/// <summary>One alert as the book holds it; mutated only under the book's lock and saved in the same transaction.</summary>
internal sealed class AlertRecord
{
    public long Id { get; set; }

    public required AlertKind Kind { get; init; }

    public required AlertSeverity Severity { get; set; }

    public required string Subject { get; init; }

    public string? Commune { get; init; }

    public required string Message { get; set; }

    public required DateTimeOffset RaisedAt { get; init; }

    public required DateTimeOffset LastSeenAt { get; set; }

    public int Count { get; set; }

    public AlertState State { get; set; }

    public string? AcknowledgedBy { get; set; }

    public DateTimeOffset? AcknowledgedAt { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }

    public long? GroupId { get; set; }

    public bool IsGroup { get; init; }

    /// <summary>When the webhook was given this alert (or its group); null while it waits for a storm to form.</summary>
    public DateTimeOffset? NotifiedAt { get; set; }

    public bool IsActive => State != AlertState.Resolved;

    public AlertKey Key => new(Kind, Subject);

    public AlertView ToView(IReadOnlyList<AlertView>? members = null) => new(
        Id, Kind, Severity, Subject, Commune, Message, RaisedAt, LastSeenAt, Count, State, AcknowledgedBy, AcknowledgedAt, ResolvedAt, GroupId,
        IsGroup ? members ?? [] : null);
}
