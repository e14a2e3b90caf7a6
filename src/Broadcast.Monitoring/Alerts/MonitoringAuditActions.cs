namespace Broadcast.Monitoring.Alerts;

/// <summary>Audit actions of the monitor (stable: reports and exports key on them).</summary>
public static class MonitoringAuditActions
{
    /// <summary>Someone acknowledged an alert; subject <c>alert N</c>.</summary>
    public const string AlertAcknowledge = "alert.acknowledge";
}
