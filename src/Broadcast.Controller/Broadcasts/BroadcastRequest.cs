namespace Broadcast.Controller.Broadcasts;

/// <summary>What <c>POST /api/broadcasts</c> takes: a programme file, a target expression and a priority.</summary>
public sealed record BroadcastRequest(string Programme, string Target, BroadcastPriority Priority);
