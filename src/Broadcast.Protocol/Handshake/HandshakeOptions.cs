namespace Broadcast.Protocol.Handshake;

/// <summary>Responder policy knobs.</summary>
public sealed class HandshakeOptions
{
    /// <summary>
    /// Largest accepted distance between a Hello's timestamp and the controller clock; null disables the check.
    /// Default 10 minutes: bounds the replay of a recorded Hello after a controller restart (when the per-endpoint
    /// last timestamps are lost) while tolerating NTP-less endpoints that drift a little.
    /// </summary>
    public TimeSpan? MaxClockSkew { get; set; } = TimeSpan.FromMinutes(10);
}
