namespace Broadcast.Monitoring.Alerts;

/// <summary>What <see cref="IAlertBoard.Acknowledge"/> did.</summary>
public enum AcknowledgeStatus
{
    /// <summary>Acknowledged now (a group: with its members).</summary>
    Acknowledged,

    /// <summary>It had been acknowledged before; who and when are unchanged.</summary>
    AlreadyAcknowledged,

    /// <summary>The condition had already cleared: there is nothing to acknowledge.</summary>
    Resolved,

    /// <summary>No alert has this id.</summary>
    NotFound,
}

/// <summary>The result of an acknowledgement and the alert as it now stands (null when not found).</summary>
public sealed record AcknowledgeOutcome(AcknowledgeStatus Status, AlertView? Alert);
