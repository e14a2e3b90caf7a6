using System.Buffers.Binary;

namespace Broadcast.Protocol.Rtp;

/// <summary>
/// RTCP sender report, RFC 3550 section 6.4.1, without report blocks (the controller receives no RTP).
/// It maps the RTP timestamp of a channel to the controller's NTP wall clock so that every cluster plays
/// the same sample at the same moment. It travels sealed inside a control envelope (docs/protocol.md).
/// </summary>
/// <param name="Ssrc">Sender SSRC = channel id.</param>
/// <param name="NtpTimestamp">Wall clock, 64-bit NTP format (<see cref="Rtp.NtpTimestamp"/>).</param>
/// <param name="RtpTimestamp">RTP timestamp corresponding to <paramref name="NtpTimestamp"/>.</param>
/// <param name="PacketCount">Packets sent on the channel so far.</param>
/// <param name="OctetCount">Payload octets sent so far.</param>
public readonly record struct RtcpSenderReport(uint Ssrc, ulong NtpTimestamp, uint RtpTimestamp, uint PacketCount, uint OctetCount)
{
    /// <summary>Header (4) + sender info (24) with no report blocks.</summary>
    public const int Size = 28;

    /// <summary>RTCP packet type SR (RFC 3550 section 12.1).</summary>
    public const byte PacketType = 200;

    private const int ReportBlockSize = 24;

    /// <summary>Reads an SR; report blocks, if any, are skipped but counted in <paramref name="consumed"/>.</summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out RtcpSenderReport report, out int consumed)
    {
        report = default;
        consumed = 0;
        if (source.Length < Size)
        {
            return false;
        }

        var b0 = source[0];
        if (b0 >> 6 != RtpHeader.Version || (b0 & 0x20) != 0 || source[1] != PacketType)
        {
            return false;
        }

        var reportCount = b0 & 0x1F;
        // Length is in 32-bit words minus one (RFC 3550 section 6.4.1).
        var length = (BinaryPrimitives.ReadUInt16BigEndian(source[2..]) + 1) * 4;
        if (length < Size + (reportCount * ReportBlockSize) || length > source.Length)
        {
            return false;
        }

        report = new RtcpSenderReport(
            BinaryPrimitives.ReadUInt32BigEndian(source[4..]),
            BinaryPrimitives.ReadUInt64BigEndian(source[8..]),
            BinaryPrimitives.ReadUInt32BigEndian(source[16..]),
            BinaryPrimitives.ReadUInt32BigEndian(source[20..]),
            BinaryPrimitives.ReadUInt32BigEndian(source[24..]));
        consumed = length;
        return true;
    }

    /// <summary>Writes a 28-byte SR with RC = 0.</summary>
    public bool TryWrite(Span<byte> destination, out int written)
    {
        written = 0;
        if (destination.Length < Size)
        {
            return false;
        }

        destination[0] = RtpHeader.Version << 6;
        destination[1] = PacketType;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (Size / 4) - 1);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], Ssrc);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], NtpTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[16..], RtpTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[20..], PacketCount);
        BinaryPrimitives.WriteUInt32BigEndian(destination[24..], OctetCount);
        written = Size;
        return true;
    }
}
