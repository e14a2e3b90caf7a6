using System.Buffers.Binary;

namespace Broadcast.Protocol.Rtp;

/// <summary>
/// Fixed RTP header, RFC 3550 section 5.1 (12 bytes, version 2). This protocol never sends padding,
/// extensions or CSRCs; the reader refuses them on the secure media path (see docs/protocol.md, Media packet).
/// </summary>
/// <param name="Marker">M bit; set on the first packet after a silence (RFC 7587 section 4.2 leaves it to the sender).</param>
/// <param name="PayloadType">7-bit dynamic payload type; <see cref="OpusRtp.PayloadType"/> for Opus.</param>
/// <param name="SequenceNumber">16-bit sequence number (RFC 3550 section 5.1).</param>
/// <param name="Timestamp">48 kHz sampling clock for Opus (RFC 7587 section 4.1).</param>
/// <param name="Ssrc">Synchronisation source; this protocol uses the broadcast channel id.</param>
public readonly record struct RtpHeader(bool Marker, byte PayloadType, ushort SequenceNumber, uint Timestamp, uint Ssrc)
{
    /// <summary>Size of the fixed header.</summary>
    public const int Size = 12;

    /// <summary>RTP version carried in the two top bits (RFC 3550 section 5.1).</summary>
    public const int Version = 2;

    /// <summary>Reads a fixed 12-byte header; refuses version other than 2, padding, extension or CSRCs.</summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out RtpHeader header, out int consumed)
    {
        header = default;
        consumed = 0;
        if (source.Length < Size)
        {
            return false;
        }

        var b0 = source[0];
        // V=2, P=0, X=0, CC=0 is the only first byte this protocol produces.
        if (b0 != Version << 6)
        {
            return false;
        }

        var b1 = source[1];
        header = new RtpHeader(
            (b1 & 0x80) != 0,
            (byte)(b1 & 0x7F),
            BinaryPrimitives.ReadUInt16BigEndian(source[2..]),
            BinaryPrimitives.ReadUInt32BigEndian(source[4..]),
            BinaryPrimitives.ReadUInt32BigEndian(source[8..]));
        consumed = Size;
        return true;
    }

    /// <summary>Writes the 12-byte header.</summary>
    public bool TryWrite(Span<byte> destination, out int written)
    {
        written = 0;
        if (destination.Length < Size || PayloadType > 0x7F)
        {
            return false;
        }

        destination[0] = Version << 6;
        destination[1] = (byte)((Marker ? 0x80 : 0) | PayloadType);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], SequenceNumber);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], Timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], Ssrc);
        written = Size;
        return true;
    }
}
