using Broadcast.Protocol.Handshake;
using Broadcast.Protocol.Rtp;
using FsCheck.Xunit;

namespace Broadcast.Protocol.Tests;

public sealed class RtpTests
{
    [Property]
    public bool RtpHeader_WriteThenRead_Identity(bool marker, byte payloadType, ushort seq, uint timestamp, uint ssrc)
    {
        var header = new RtpHeader(marker, (byte)(payloadType & 0x7F), seq, timestamp, ssrc);
        var bytes = new byte[RtpHeader.Size];
        return header.TryWrite(bytes, out var written) && written == 12
            && RtpHeader.TryRead(bytes, out var read, out var consumed) && consumed == 12 && read == header;
    }

    [Fact]
    public void RtpHeader_Write_MatchesRfc3550Layout()
    {
        var bytes = new byte[12];
        Assert.True(new RtpHeader(true, OpusRtp.PayloadType, 0x0102, 0x03040506, 0x0708090A).TryWrite(bytes, out _));
        Assert.Equal(Convert.FromHexString("80EF0102030405060708090A"), bytes);
    }

    [Theory]
    [InlineData(0x40)] // version 1
    [InlineData(0xA0)] // padding
    [InlineData(0x90)] // extension
    [InlineData(0x81)] // one CSRC
    public void RtpHeader_UnsupportedFirstByte_Rejected(byte first)
    {
        var bytes = new byte[12];
        bytes[0] = first;
        Assert.False(RtpHeader.TryRead(bytes, out _, out _));
    }

    [Property]
    public bool SenderReport_WriteThenRead_Identity(uint ssrc, ulong ntp, uint rtp, uint packets, uint octets)
    {
        var report = new RtcpSenderReport(ssrc, ntp, rtp, packets, octets);
        var bytes = new byte[RtcpSenderReport.Size];
        return report.TryWrite(bytes, out _) && RtcpSenderReport.TryRead(bytes, out var read, out var consumed)
            && consumed == RtcpSenderReport.Size && read == report;
    }

    [Fact]
    public void SenderReport_Write_MatchesRfc3550Header()
    {
        var bytes = new byte[28];
        Assert.True(new RtcpSenderReport(7, 0, 0, 0, 0).TryWrite(bytes, out _));
        // V=2, RC=0, PT=200, length = 6 (words minus one), RFC 3550 section 6.4.1.
        Assert.Equal(Convert.FromHexString("80C8000600000007"), bytes[..8]);
    }

    [Fact]
    public void SenderReport_LengthBeyondBuffer_Rejected()
    {
        var bytes = new byte[28];
        Assert.True(new RtcpSenderReport(7, 1, 2, 3, 4).TryWrite(bytes, out _));
        bytes[3] = 7;
        Assert.False(RtcpSenderReport.TryRead(bytes, out _, out _));
    }

    [Fact]
    public void NtpTimestamp_RoundTrip_WithinOneTick()
    {
        var time = new DateTimeOffset(2025, 3, 4, 5, 6, 7, 891, TimeSpan.Zero);
        var back = NtpTimestamp.ToDateTimeOffset(NtpTimestamp.FromDateTimeOffset(time));
        Assert.InRange((back - time).Duration().Ticks, 0, 1);
        Assert.Equal(3_950_053_567UL, NtpTimestamp.FromDateTimeOffset(time) >> 32);
    }

    [Fact]
    public void Tai64N_Write_MatchesLabelLayout()
    {
        var label = Tai64N.FromDateTimeOffset(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(5));
        var bytes = new byte[12];
        Assert.True(label.TryWrite(bytes, out _));
        Assert.Equal(Convert.FromHexString("4000000067748580000001F4"), bytes);
        Assert.True(Tai64N.TryRead(bytes, out var read, out _));
        Assert.Equal(label, read);
        Assert.True(label.Next() > label);
    }
}
