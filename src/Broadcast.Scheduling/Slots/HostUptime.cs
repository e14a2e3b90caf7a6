namespace Broadcast.Scheduling.Slots;

/// <summary>When this controller's scheduler started: a slot planned before then fell due while the controller was down.</summary>
internal sealed record HostUptime(DateTimeOffset StartedUtc);
