using System.Buffers.Binary;

namespace Broadcast.Protocol.Control;

/// <summary>Ends a session (revocation, shutdown). Body (2 bytes): reason code u16.</summary>
/// <param name="Reason">Why the session ends.</param>
public readonly record struct ByeMessage(ErrorCode Reason)
{
    /// <summary>Body size.</summary>
    public const int BodySize = 2;

    /// <summary>Reads header and body.</summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out ByeMessage message, out int consumed)
    {
        message = default;
        if (!ControlFrame.TryReadHeader(source, ControlMessageType.Bye, BodySize, BodySize, out var body, out consumed))
        {
            return false;
        }

        message = new ByeMessage((ErrorCode)BinaryPrimitives.ReadUInt16BigEndian(body));
        return true;
    }

    /// <summary>Writes header and body.</summary>
    public bool TryWrite(Span<byte> destination, out int written)
    {
        written = 0;
        if ((uint)Reason > ushort.MaxValue || !ControlFrame.TryWriteHeader(destination, ControlMessageType.Bye, BodySize, out var body))
        {
            return false;
        }

        BinaryPrimitives.WriteUInt16BigEndian(body, (ushort)Reason);
        written = ControlFrame.HeaderSize + BodySize;
        return true;
    }
}
