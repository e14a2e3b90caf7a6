namespace Broadcast.Monitoring.Alerts;

/// <summary>Which alerts a list returns (<c>GET /api/alerts?state=</c>).</summary>
public enum AlertStateFilter
{
    /// <summary>Open and acknowledged: everything whose condition still holds.</summary>
    Active,

    Open,

    Acknowledged,

    Resolved,

    All,
}
