namespace Broadcast.Monitoring.Alerts;

/// <summary>A list request: newest first, groups with their members, at most <see cref="Limit"/> top-level alerts.</summary>
/// <param name="State">Which states to list.</param>
/// <param name="Commune">A commune's id, code or name; null for the whole district.</param>
/// <param name="Limit">At most this many top-level alerts (1 to <see cref="MaxLimit"/>).</param>
public sealed record AlertListQuery(AlertStateFilter State = AlertStateFilter.Active, string? Commune = null, int Limit = 200)
{
    /// <summary>The largest <see cref="Limit"/> accepted.</summary>
    public const int MaxLimit = 1000;
}
