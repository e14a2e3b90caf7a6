using System.Buffers.Binary;

namespace Broadcast.Protocol.Control;

/// <summary>
/// Play / Stop / Volume, controller to endpoint. Body (20 bytes): command id u32, kind u8, priority u8
/// (0 background .. 3 emergency), volume u8 (0-100), reserved u8 (0), channel id u32, playout start u64
/// (NTP format, RFC 5905; 0 = as soon as possible).
/// </summary>
public readonly record struct CommandMessage(uint CommandId, CommandKind Kind, byte Priority, byte Volume, uint ChannelId, ulong PlayoutStartNtp)
{
    /// <summary>Body size.</summary>
    public const int BodySize = 20;

    /// <summary>Highest priority value (emergency).</summary>
    public const byte MaxPriority = 3;

    /// <summary>Reads header and body; refuses unknown kinds, priorities and volumes.</summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out CommandMessage message, out int consumed)
    {
        message = default;
        if (!ControlFrame.TryReadHeader(source, ControlMessageType.Command, BodySize, BodySize, out var body, out consumed)
            || body[4] is < (byte)CommandKind.Play or > (byte)CommandKind.Volume || body[5] > MaxPriority || body[6] > 100 || body[7] != 0)
        {
            consumed = 0;
            return false;
        }

        message = new CommandMessage(
            BinaryPrimitives.ReadUInt32BigEndian(body),
            (CommandKind)body[4],
            body[5],
            body[6],
            BinaryPrimitives.ReadUInt32BigEndian(body[8..]),
            BinaryPrimitives.ReadUInt64BigEndian(body[12..]));
        return true;
    }

    /// <summary>Writes header and body (24 bytes).</summary>
    public bool TryWrite(Span<byte> destination, out int written)
    {
        written = 0;
        if (Kind is < CommandKind.Play or > CommandKind.Volume || Priority > MaxPriority || Volume > 100
            || !ControlFrame.TryWriteHeader(destination, ControlMessageType.Command, BodySize, out var body))
        {
            return false;
        }

        BinaryPrimitives.WriteUInt32BigEndian(body, CommandId);
        body[4] = (byte)Kind;
        body[5] = Priority;
        body[6] = Volume;
        body[7] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(body[8..], ChannelId);
        BinaryPrimitives.WriteUInt64BigEndian(body[12..], PlayoutStartNtp);
        written = ControlFrame.HeaderSize + BodySize;
        return true;
    }
}
