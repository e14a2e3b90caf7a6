namespace Broadcast.Protocol;

/// <summary>Wire protocol version carried by every control message and media frame.</summary>
public static class ProtocolVersion
{
    /// <summary>Current version; see docs/protocol.md, section Versioning.</summary>
    public const byte Current = 1;
}
