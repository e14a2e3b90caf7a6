namespace Broadcast.Monitoring.Alerts;

/// <summary>Where an alert stands. Resolved is final: if the condition comes back, a new alert is raised.</summary>
public enum AlertState
{
    /// <summary>The condition holds and nobody has acknowledged it.</summary>
    Open,

    /// <summary>Someone has taken it in hand; the condition may still hold.</summary>
    Acknowledged,

    /// <summary>The condition cleared.</summary>
    Resolved,
}
