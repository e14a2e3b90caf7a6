using System.Buffers.Binary;
using Broadcast.Protocol.Crypto;
using Broadcast.Protocol.Handshake;
using Broadcast.Protocol.Replay;
using NSec.Cryptography;

namespace Broadcast.Protocol.Control;

/// <summary>
/// Sealed control envelopes of one session (WireGuard transport-data style): header (16 bytes: type 0x04,
/// version, 2 reserved, receiver index u32, counter u64) in clear as associated data, then the inner control
/// message encrypted with ChaCha20-Poly1305 under this side's sending key, nonce = counter. The receiving side
/// checks the counter with a <see cref="ReplayWindow"/> updated only after authentication.
/// </summary>
/// <remarks>Sending and receiving are each single-threaded; they may run on two threads.</remarks>
public sealed class ControlChannel : IDisposable
{
    /// <summary>Envelope header size.</summary>
    public const int HeaderSize = 16;

    /// <summary>Largest inner message.</summary>
    public const int MaxPlaintextSize = 1024;

    /// <summary>Largest envelope.</summary>
    public const int MaxEnvelopeSize = HeaderSize + MaxPlaintextSize + Aead.TagSize;

    private readonly Key _send;
    private readonly Key _receive;
    private readonly ReplayWindow _window = new();
    private ulong _sendCounter;

    internal ControlChannel(SessionKeys keys)
    {
        LocalIndex = keys.LocalIndex;
        RemoteIndex = keys.RemoteIndex;
        _send = Aead.ImportKey(keys.SendKey);
        _receive = Aead.ImportKey(keys.ReceiveKey);
    }

    /// <summary>Index the peer addresses us with.</summary>
    public uint LocalIndex { get; }

    /// <summary>Index we address the peer with.</summary>
    public uint RemoteIndex { get; }

    /// <summary>Envelope size for an inner message of <paramref name="plaintextLength"/> bytes.</summary>
    public static int EnvelopeSize(int plaintextLength) => HeaderSize + plaintextLength + Aead.TagSize;

    /// <summary>Receiver index of an envelope (to find the session), or null when it is not one.</summary>
    public static uint? PeekReceiverIndex(ReadOnlySpan<byte> envelope) =>
        envelope.Length >= HeaderSize + Aead.TagSize && envelope[0] == (byte)ControlMessageType.Sealed
            ? BinaryPrimitives.ReadUInt32BigEndian(envelope[4..])
            : null;

    /// <summary>Seals an inner control message (written by one of the message types' TryWrite).</summary>
    public bool TrySeal(ReadOnlySpan<byte> plaintext, Span<byte> destination, out int written)
    {
        written = 0;
        var size = EnvelopeSize(plaintext.Length);
        if (plaintext.Length > MaxPlaintextSize || destination.Length < size || _sendCounter == ulong.MaxValue)
        {
            return false;
        }

        var counter = _sendCounter++;
        destination[0] = (byte)ControlMessageType.Sealed;
        destination[1] = ProtocolVersion.Current;
        destination[2] = 0;
        destination[3] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], RemoteIndex);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], counter);
        Aead.Seal(_send, counter, destination[..HeaderSize], plaintext, destination.Slice(HeaderSize, plaintext.Length + Aead.TagSize));
        written = size;
        return true;
    }

    /// <summary>Authenticates and decrypts an envelope; the inner message goes to <paramref name="plaintext"/>.</summary>
    public ControlOpenStatus TryOpen(ReadOnlySpan<byte> envelope, Span<byte> plaintext, out int written)
    {
        written = 0;
        if (envelope.Length < HeaderSize + Aead.TagSize || envelope.Length > MaxEnvelopeSize
            || envelope[0] != (byte)ControlMessageType.Sealed || envelope[1] != ProtocolVersion.Current
            || envelope[2] != 0 || envelope[3] != 0)
        {
            return ControlOpenStatus.Malformed;
        }

        if (BinaryPrimitives.ReadUInt32BigEndian(envelope[4..]) != LocalIndex)
        {
            return ControlOpenStatus.WrongSession;
        }

        var counter = BinaryPrimitives.ReadUInt64BigEndian(envelope[8..]);
        switch (_window.Check(counter))
        {
            case ReplayCheck.Replayed:
                return ControlOpenStatus.Replayed;
            case ReplayCheck.TooOld:
                return ControlOpenStatus.TooOld;
        }

        var length = envelope.Length - HeaderSize - Aead.TagSize;
        if (plaintext.Length < length)
        {
            return ControlOpenStatus.DestinationTooSmall;
        }

        if (!Aead.Open(_receive, counter, envelope[..HeaderSize], envelope[HeaderSize..], plaintext))
        {
            plaintext[..length].Clear();
            return ControlOpenStatus.DecryptFailed;
        }

        _window.TryUpdate(counter);
        written = length;
        return ControlOpenStatus.Ok;
    }

    /// <inheritdoc />
    public override string ToString() => $"ControlChannel(local {LocalIndex:x8}, remote {RemoteIndex:x8}, keys redacted)";

    /// <inheritdoc />
    public void Dispose()
    {
        _send.Dispose();
        _receive.Dispose();
    }
}
