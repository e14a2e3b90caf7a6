namespace Broadcast.Monitoring.Alerts;

/// <summary>What an alert is about. The names are stable: the API, the webhook and saved alerts use them.</summary>
public enum AlertKind
{
    /// <summary>An endpoint has been offline longer than <c>Monitoring:OfflineAfter</c>.</summary>
    EndpointOffline,

    /// <summary>At least <c>Monitoring:HandshakeFailuresThreshold</c> Hellos refused within <c>Monitoring:SecurityWindow</c>.</summary>
    HandshakeFailures,

    /// <summary>An endpoint's valid key was presented from an address outside its binding.</summary>
    WrongAddress,

    /// <summary>An endpoint reports packet loss at or above <c>Monitoring:LossThreshold</c>.</summary>
    PacketLoss,

    /// <summary>An endpoint's programme cache is full (store and forward; not reported by endpoints yet).</summary>
    CacheFull,

    /// <summary>A scheduled slot was missed (the audit trail's <c>slot.missed</c>).</summary>
    SlotMissed,
}
