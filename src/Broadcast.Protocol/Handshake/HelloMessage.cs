using System.Buffers.Binary;
using Broadcast.Protocol.Control;
using Broadcast.Protocol.Crypto;

namespace Broadcast.Protocol.Handshake;

/// <summary>
/// Handshake message 1, endpoint to controller (docs/protocol.md, Hello): 132 bytes, fixed layout.
/// Offsets: 0 type, 1 version, 2-3 reserved (0), 4 sender index, 8 ephemeral, 40 encrypted static,
/// 88 encrypted timestamp, 116 mac1.
/// </summary>
internal sealed class HelloMessage
{
    public const int Size = 132;
    public const int EphemeralOffset = 8;
    public const int StaticOffset = 40;
    public const int EncryptedStaticSize = X25519Dh.KeySize + Aead.TagSize;
    public const int TimestampOffset = StaticOffset + EncryptedStaticSize;
    public const int EncryptedTimestampSize = Tai64N.Size + Aead.TagSize;
    public const int Mac1Offset = TimestampOffset + EncryptedTimestampSize;

    public uint SenderIndex { get; init; }

    public byte[] Ephemeral { get; init; } = new byte[X25519Dh.KeySize];

    public byte[] EncryptedStatic { get; init; } = new byte[EncryptedStaticSize];

    public byte[] EncryptedTimestamp { get; init; } = new byte[EncryptedTimestampSize];

    public byte[] Mac1 { get; init; } = new byte[Mac.TagSize];

    /// <summary>Parses the layout only; authentication happens in <see cref="ControllerHandshake"/>.</summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out HelloMessage? message, out int consumed)
    {
        message = null;
        consumed = 0;
        if (source.Length != Size || source[0] != (byte)ControlMessageType.Hello
            || source[1] != ProtocolVersion.Current || source[2] != 0 || source[3] != 0)
        {
            return false;
        }

        message = new HelloMessage
        {
            SenderIndex = BinaryPrimitives.ReadUInt32BigEndian(source[4..]),
            Ephemeral = source.Slice(EphemeralOffset, X25519Dh.KeySize).ToArray(),
            EncryptedStatic = source.Slice(StaticOffset, EncryptedStaticSize).ToArray(),
            EncryptedTimestamp = source.Slice(TimestampOffset, EncryptedTimestampSize).ToArray(),
            Mac1 = source.Slice(Mac1Offset, Mac.TagSize).ToArray(),
        };
        consumed = Size;
        return true;
    }

    public bool TryWrite(Span<byte> destination, out int written)
    {
        written = 0;
        if (destination.Length < Size || Ephemeral.Length != X25519Dh.KeySize || EncryptedStatic.Length != EncryptedStaticSize
            || EncryptedTimestamp.Length != EncryptedTimestampSize || Mac1.Length != Mac.TagSize)
        {
            return false;
        }

        destination[0] = (byte)ControlMessageType.Hello;
        destination[1] = ProtocolVersion.Current;
        destination[2] = 0;
        destination[3] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], SenderIndex);
        Ephemeral.CopyTo(destination[EphemeralOffset..]);
        EncryptedStatic.CopyTo(destination[StaticOffset..]);
        EncryptedTimestamp.CopyTo(destination[TimestampOffset..]);
        Mac1.CopyTo(destination[Mac1Offset..]);
        written = Size;
        return true;
    }
}
