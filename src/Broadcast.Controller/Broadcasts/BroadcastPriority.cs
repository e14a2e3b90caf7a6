namespace Broadcast.Controller.Broadcasts;

/// <summary>Priorities, lowest first; the numeric values are the Command priority byte (protocol section 4.4).</summary>
public enum BroadcastPriority
{
    Background = 0,
    Commune = 1,
    District = 2,
    Emergency = 3,
}
