using System.Buffers.Binary;
using Broadcast.Protocol.Control;
using Broadcast.Protocol.Crypto;

namespace Broadcast.Protocol.Handshake;

/// <summary>
/// Handshake message 2, controller to endpoint (docs/protocol.md, Session): 76 bytes, smaller than the
/// 132-byte Hello so the controller can never be used to amplify traffic. Offsets: 0 type, 1 version,
/// 2-3 reserved, 4 sender index, 8 receiver index, 12 ephemeral, 44 encrypted empty payload, 60 mac1.
/// </summary>
internal sealed class SessionMessage
{
    public const int Size = 76;
    public const int EphemeralOffset = 12;
    public const int EmptyOffset = EphemeralOffset + X25519Dh.KeySize;
    public const int Mac1Offset = EmptyOffset + Aead.TagSize;

    public uint SenderIndex { get; init; }

    public uint ReceiverIndex { get; init; }

    public byte[] Ephemeral { get; init; } = new byte[X25519Dh.KeySize];

    public byte[] EncryptedEmpty { get; init; } = new byte[Aead.TagSize];

    public byte[] Mac1 { get; init; } = new byte[Mac.TagSize];

    public static bool TryRead(ReadOnlySpan<byte> source, out SessionMessage? message, out int consumed)
    {
        message = null;
        consumed = 0;
        if (source.Length != Size || source[0] != (byte)ControlMessageType.Session
            || source[1] != ProtocolVersion.Current || source[2] != 0 || source[3] != 0)
        {
            return false;
        }

        message = new SessionMessage
        {
            SenderIndex = BinaryPrimitives.ReadUInt32BigEndian(source[4..]),
            ReceiverIndex = BinaryPrimitives.ReadUInt32BigEndian(source[8..]),
            Ephemeral = source.Slice(EphemeralOffset, X25519Dh.KeySize).ToArray(),
            EncryptedEmpty = source.Slice(EmptyOffset, Aead.TagSize).ToArray(),
            Mac1 = source.Slice(Mac1Offset, Mac.TagSize).ToArray(),
        };
        consumed = Size;
        return true;
    }

    public bool TryWrite(Span<byte> destination, out int written)
    {
        written = 0;
        if (destination.Length < Size || Ephemeral.Length != X25519Dh.KeySize || EncryptedEmpty.Length != Aead.TagSize
            || Mac1.Length != Mac.TagSize)
        {
            return false;
        }

        destination[0] = (byte)ControlMessageType.Session;
        destination[1] = ProtocolVersion.Current;
        destination[2] = 0;
        destination[3] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], SenderIndex);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], ReceiverIndex);
        Ephemeral.CopyTo(destination[EphemeralOffset..]);
        EncryptedEmpty.CopyTo(destination[EmptyOffset..]);
        Mac1.CopyTo(destination[Mac1Offset..]);
        written = Size;
        return true;
    }
}
