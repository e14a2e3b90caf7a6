namespace Broadcast.Controller.Broadcasts;

/// <summary>
/// Raised once per broadcast when it ends, for the play queue, the scheduler and proof of play. <c>Completed</c> is
/// true when the last frame played, false when it was stopped, replaced or shut down.
/// </summary>
public sealed record BroadcastEnded(long Id, BroadcastRequest Request, string Reason, bool Completed, DateTimeOffset StartedAt, DateTimeOffset EndedAt, IReadOnlyList<string> Targets);
