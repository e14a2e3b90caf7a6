using Broadcast.Monitoring.Alerts;

namespace Broadcast.Monitoring.Book;

/// <summary>
/// What a condition check saw for one key at one poll: the condition holds (<see cref="Holds"/>), with
/// <see cref="Occurrences"/> new occurrences to add to the count, or it cleared.
/// </summary>
internal readonly record struct Observation(
    AlertKind Kind, string Subject, string? Commune, AlertSeverity Severity, string Message, int Occurrences, bool Holds)
{
    public AlertKey Key => new(Kind, Subject);

    public static Observation Cleared(AlertKind kind, string subject) => new(kind, subject, null, AlertSeverity.Warning, string.Empty, 0, false);
}
