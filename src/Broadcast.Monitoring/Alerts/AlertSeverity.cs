namespace Broadcast.Monitoring.Alerts;

/// <summary>How urgently someone should look.</summary>
public enum AlertSeverity
{
    /// <summary>Worth a look today: quality is degraded but people still hear the broadcasts.</summary>
    Warning,

    /// <summary>Act now: a place hears nothing, a bulletin did not air, or someone may be using a stolen key.</summary>
    Critical,
}
