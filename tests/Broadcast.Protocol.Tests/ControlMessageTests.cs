using Broadcast.Protocol.Control;
using Broadcast.Protocol.Media;
using Broadcast.Protocol.Rtp;
using FsCheck.Xunit;

namespace Broadcast.Protocol.Tests;

public sealed class ControlMessageTests
{
    [Property]
    public bool Status_WriteThenRead_Identity(byte state, byte volume, ushort buffer, ushort loss, ushort cached, uint channel, uint keyId, uint uptime)
    {
        var message = new StatusMessage((EndpointState)(state % 5), (byte)(volume % 101), buffer, loss, cached, channel, keyId, uptime);
        var bytes = new byte[64];
        return message.TryWrite(bytes, out var written)
            && StatusMessage.TryRead(bytes.AsSpan(0, written), out var read, out var consumed)
            && consumed == written && read == message;
    }

    [Property]
    public bool Command_WriteThenRead_Identity(uint id, byte kind, byte priority, byte volume, uint channel, ulong start)
    {
        var message = new CommandMessage(id, (CommandKind)((kind % 3) + 1), (byte)(priority % 4), (byte)(volume % 101), channel, start);
        var bytes = new byte[64];
        return message.TryWrite(bytes, out var written)
            && CommandMessage.TryRead(bytes.AsSpan(0, written), out var read, out var consumed)
            && consumed == written && read == message;
    }

    [Property]
    public bool Bye_WriteThenRead_Identity(ushort reason)
    {
        var message = new ByeMessage((ErrorCode)reason);
        var bytes = new byte[8];
        return message.TryWrite(bytes, out var written)
            && ByeMessage.TryRead(bytes.AsSpan(0, written), out var read, out _) && read == message;
    }

    [Property]
    public bool Error_WriteThenRead_Identity(ushort code, string? detail)
    {
        var text = new string((detail ?? string.Empty).Where(c => !char.IsSurrogate(c)).Take(60).ToArray());
        var message = new ErrorMessage((ErrorCode)code, text);
        var bytes = new byte[256];
        return message.TryWrite(bytes, out var written)
            && ErrorMessage.TryRead(bytes.AsSpan(0, written), out var read, out var consumed)
            && consumed == written && read == message;
    }

    [Property]
    public bool SenderReport_WriteThenRead_Identity(uint ssrc, ulong ntp, uint rtp, uint packets, uint octets)
    {
        var message = new SenderReportMessage(new RtcpSenderReport(ssrc, ntp, rtp, packets, octets));
        var bytes = new byte[64];
        return message.TryWrite(bytes, out var written)
            && SenderReportMessage.TryRead(bytes.AsSpan(0, written), out var read, out _) && read == message;
    }

    [Property]
    public bool ChannelKey_WriteThenRead_Identity(uint channel, uint keyId, int seed)
    {
        using var key = ChannelKey.Create(channel, keyId, new SeededRandom(seed));
        var message = new ChannelKeyMessage(key);
        var bytes = new byte[64];
        return message.TryWrite(bytes, out var written)
            && ChannelKeyMessage.TryRead(bytes.AsSpan(0, written), out var read, out _) && message.Equals(read);
    }

    [Property]
    public bool AnyParser_RandomBytes_NeverThrows(byte[] bytes)
    {
        bytes ??= [];
        StatusMessage.TryRead(bytes, out _, out _);
        CommandMessage.TryRead(bytes, out _, out _);
        ByeMessage.TryRead(bytes, out _, out _);
        ErrorMessage.TryRead(bytes, out _, out _);
        SenderReportMessage.TryRead(bytes, out _, out _);
        ChannelKeyMessage.TryRead(bytes, out _, out _);
        RtpHeader.TryRead(bytes, out _, out _);
        RtcpSenderReport.TryRead(bytes, out _, out _);
        Handshake.HelloMessage.TryRead(bytes, out _, out _);
        Handshake.SessionMessage.TryRead(bytes, out _, out _);
        Handshake.Tai64N.TryRead(bytes, out _, out _);
        ControlChannel.PeekReceiverIndex(bytes);
        return true;
    }

    [Property]
    public bool AnyParser_RandomBytesWithValidHeader_NeverThrows(byte type, ushort length, byte[] body)
    {
        body ??= [];
        var bytes = new byte[4 + body.Length];
        bytes[0] = (byte)(0x10 + (type % 6));
        bytes[1] = ProtocolVersion.Current;
        bytes[2] = (byte)(length >> 8);
        bytes[3] = (byte)length;
        body.CopyTo(bytes, 4);
        return AnyParser_RandomBytes_NeverThrows(bytes);
    }

    [Fact]
    public void Status_VolumeAbove100_Rejected()
    {
        var bytes = new byte[24];
        Assert.True(new StatusMessage(EndpointState.Playing, 100, 0, 0, 0, 0, 0, 0).TryWrite(bytes, out _));
        bytes[5] = 101;
        Assert.False(StatusMessage.TryRead(bytes, out _, out _));
        Assert.False(new StatusMessage(EndpointState.Playing, 101, 0, 0, 0, 0, 0, 0).TryWrite(bytes, out _));
    }

    [Fact]
    public void ErrorMessage_DetailTooLong_WriteRefused()
    {
        var bytes = new byte[1024];
        Assert.False(new ErrorMessage(ErrorCode.Internal, new string('x', 201)).TryWrite(bytes, out _));
        Assert.True(new ErrorMessage(ErrorCode.Internal, new string('x', 200)).TryWrite(bytes, out _));
    }

    [Fact]
    public void ChannelKeyMessage_ToString_HidesKey()
    {
        using var key = ChannelKey.Create(7, 3, new SeededRandom(1));
        var message = new ChannelKeyMessage(key);

        Assert.DoesNotContain(Convert.ToHexString(key.Raw), message.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Convert.ToHexString(key.Raw), key.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void OfflineWill_IsAValidOfflineStatus()
    {
        Assert.True(StatusMessage.TryRead(Topics.OfflineWill, out var status, out var consumed));
        Assert.Equal(EndpointState.Offline, status.State);
        Assert.Equal(Topics.OfflineWill.Length, consumed);
    }

    [Fact]
    public void Topics_EndpointTopics_MatchTreeAndFlags()
    {
        Assert.Equal("bcast/bat-xat/ep/BX-TT-01/hello", Topics.Hello("bat-xat", "BX-TT-01").Topic);
        Assert.Equal("bcast/bat-xat/ep/BX-TT-01/session", Topics.Session("bat-xat", "BX-TT-01").Topic);
        var status = Topics.Status("bat-xat", "BX-TT-01");
        Assert.True(status.Retain);
        Assert.Equal(1, status.QualityOfService);
        Assert.Equal(0, Topics.Media("bat-xat", "BX-TT-01").QualityOfService);
        Assert.False(Topics.Command("bat-xat", "BX-TT-01").Retain);
        Assert.Equal("bcast/bat-xat/ep/+/hello", Topics.AllHellos("bat-xat"));
        Assert.Equal("BX-TT-01", Topics.EndpointIdOf("bcast/bat-xat/ep/BX-TT-01/hello", "bat-xat", "hello"));
        Assert.Null(Topics.EndpointIdOf("bcast/bat-xat/ep/BX-TT-01/status", "bat-xat", "hello"));
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("+")]
    [InlineData("#")]
    [InlineData("")]
    [InlineData("Trịnh")]
    public void Topics_InvalidId_Throws(string id) =>
        Assert.Throws<ArgumentException>(() => Topics.Hello("bat-xat", id));
}
