using System.Buffers.Binary;

namespace Broadcast.Protocol.Control;

/// <summary>
/// Heartbeat / status, endpoint to controller, every 30 s and on change. Body (20 bytes): state u8,
/// volume u8 (0-100), buffer ms u16, loss in 1/10 000 u16, cached items u16, channel id u32 (0 = none),
/// key id u32, uptime s u32.
/// </summary>
public readonly record struct StatusMessage(
    EndpointState State,
    byte Volume,
    ushort BufferMs,
    ushort LossPerTenThousand,
    ushort CachedItems,
    uint ChannelId,
    uint KeyId,
    uint UptimeSeconds)
{
    /// <summary>Body size.</summary>
    public const int BodySize = 20;

    /// <summary>Reads header and body; refuses unknown states and volumes above 100.</summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out StatusMessage message, out int consumed)
    {
        message = default;
        if (!ControlFrame.TryReadHeader(source, ControlMessageType.Status, BodySize, BodySize, out var body, out consumed)
            || body[0] > (byte)EndpointState.Offline || body[1] > 100)
        {
            consumed = 0;
            return false;
        }

        message = new StatusMessage(
            (EndpointState)body[0],
            body[1],
            BinaryPrimitives.ReadUInt16BigEndian(body[2..]),
            BinaryPrimitives.ReadUInt16BigEndian(body[4..]),
            BinaryPrimitives.ReadUInt16BigEndian(body[6..]),
            BinaryPrimitives.ReadUInt32BigEndian(body[8..]),
            BinaryPrimitives.ReadUInt32BigEndian(body[12..]),
            BinaryPrimitives.ReadUInt32BigEndian(body[16..]));
        return true;
    }

    /// <summary>Writes header and body (24 bytes).</summary>
    public bool TryWrite(Span<byte> destination, out int written)
    {
        written = 0;
        if ((uint)State > (uint)EndpointState.Offline || Volume > 100
            || !ControlFrame.TryWriteHeader(destination, ControlMessageType.Status, BodySize, out var body))
        {
            return false;
        }

        body[0] = (byte)State;
        body[1] = Volume;
        BinaryPrimitives.WriteUInt16BigEndian(body[2..], BufferMs);
        BinaryPrimitives.WriteUInt16BigEndian(body[4..], LossPerTenThousand);
        BinaryPrimitives.WriteUInt16BigEndian(body[6..], CachedItems);
        BinaryPrimitives.WriteUInt32BigEndian(body[8..], ChannelId);
        BinaryPrimitives.WriteUInt32BigEndian(body[12..], KeyId);
        BinaryPrimitives.WriteUInt32BigEndian(body[16..], UptimeSeconds);
        written = ControlFrame.HeaderSize + BodySize;
        return true;
    }
}
