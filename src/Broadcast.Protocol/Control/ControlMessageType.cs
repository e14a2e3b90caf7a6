namespace Broadcast.Protocol.Control;

/// <summary>First byte of every control payload (docs/protocol.md, Control messages). Media packets start with 0x80 (RTP v2).</summary>
public enum ControlMessageType
{
    /// <summary>Not a valid type.</summary>
    None = 0x00,

    /// <summary>Handshake message 1 (endpoint to controller).</summary>
    Hello = 0x01,

    /// <summary>Handshake message 2 (controller to endpoint).</summary>
    Session = 0x02,

    /// <summary>Sealed envelope carrying one inner control message.</summary>
    Sealed = 0x04,

    /// <summary>Channel key delivery (inner, controller to endpoint).</summary>
    ChannelKey = 0x10,

    /// <summary>Session end or revocation notice (inner, either direction).</summary>
    Bye = 0x11,

    /// <summary>Heartbeat / status (inner, endpoint to controller; also the clear last-will payload).</summary>
    Status = 0x12,

    /// <summary>Play, stop or volume command (inner, controller to endpoint).</summary>
    Command = 0x13,

    /// <summary>Error report with a code (inner, either direction).</summary>
    Error = 0x14,

    /// <summary>RTCP sender report for the playout clock (inner, controller to endpoint).</summary>
    SenderReport = 0x15,
}
