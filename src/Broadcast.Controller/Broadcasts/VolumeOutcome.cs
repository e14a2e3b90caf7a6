namespace Broadcast.Controller.Broadcasts;

/// <summary>Result of setting a volume: how many endpoints it was set for, and how many playing ones were told at once.</summary>
public sealed record VolumeOutcome(string Target, int Volume, int Endpoints, int AppliedNow);
