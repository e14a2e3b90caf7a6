namespace Broadcast.Monitoring.Alerts;

/// <summary>
/// Counts of the alerts whose condition still holds (open and acknowledged). Endpoint alerts are counted one by one,
/// whether or not a group holds them, so a storm of 12 offline clusters counts 12.
/// </summary>
public sealed record AlertSummary(int Open, int Acknowledged, IReadOnlyList<AlertKindCount> ByKind, IReadOnlyList<AlertCommuneCount> ByCommune);

/// <summary>Active alerts of one kind.</summary>
public sealed record AlertKindCount(AlertKind Kind, int Open, int Acknowledged);

/// <summary>Active alerts of one commune; <see cref="Commune"/> is null for alerts of no single commune.</summary>
public sealed record AlertCommuneCount(string? Commune, int Open, int Acknowledged);
