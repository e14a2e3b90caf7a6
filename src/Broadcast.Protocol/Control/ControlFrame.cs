using System.Buffers.Binary;

namespace Broadcast.Protocol.Control;

/// <summary>
/// Inner control message framing: type (1), version (1), body length (2, big-endian), body. Every reader
/// checks type, version and the exact (fixed-size) or maximum (variable-size) body length.
/// </summary>
internal static class ControlFrame
{
    public const int HeaderSize = 4;

    public static bool TryReadHeader(ReadOnlySpan<byte> source, ControlMessageType type, int minBody, int maxBody, out ReadOnlySpan<byte> body, out int consumed)
    {
        body = default;
        consumed = 0;
        if (source.Length < HeaderSize || source[0] != (byte)type || source[1] != ProtocolVersion.Current)
        {
            return false;
        }

        int length = BinaryPrimitives.ReadUInt16BigEndian(source[2..]);
        if (length < minBody || length > maxBody || source.Length < HeaderSize + length)
        {
            return false;
        }

        body = source.Slice(HeaderSize, length);
        consumed = HeaderSize + length;
        return true;
    }

    public static bool TryWriteHeader(Span<byte> destination, ControlMessageType type, int bodyLength, out Span<byte> body)
    {
        body = default;
        if (bodyLength > ushort.MaxValue || destination.Length < HeaderSize + bodyLength)
        {
            return false;
        }

        destination[0] = (byte)type;
        destination[1] = ProtocolVersion.Current;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)bodyLength);
        body = destination.Slice(HeaderSize, bodyLength);
        return true;
    }

    /// <summary>Type of an inner message, or <see cref="ControlMessageType.None"/> when the bytes are not one.</summary>
    public static ControlMessageType PeekType(ReadOnlySpan<byte> source) =>
        source.Length >= HeaderSize && source[1] == ProtocolVersion.Current ? (ControlMessageType)source[0] : ControlMessageType.None;
}
