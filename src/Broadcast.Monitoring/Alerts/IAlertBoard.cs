namespace Broadcast.Monitoring.Alerts;

/// <summary>The alerts as people see them: list, acknowledge, count. Thread-safe.</summary>
public interface IAlertBoard
{
    /// <summary>Alerts matching <paramref name="query"/>.</summary>
    /// <exception cref="UnknownCommuneException">The commune is not in the topology.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The limit is outside 1 to <see cref="AlertListQuery.MaxLimit"/>.</exception>
    IReadOnlyList<AlertView> List(AlertListQuery query);

    /// <summary>One alert (a group with its members), or null.</summary>
    AlertView? Find(long id);

    /// <summary>
    /// Marks an alert acknowledged by <paramref name="actor"/> (a group: every member too), saves it, and records it
    /// in the audit trail. Acknowledging does not resolve: the alert resolves when its condition clears.
    /// </summary>
    AcknowledgeOutcome Acknowledge(long id, string actor);

    /// <summary>Counts of active alerts by kind and by commune.</summary>
    AlertSummary Summary();
}
