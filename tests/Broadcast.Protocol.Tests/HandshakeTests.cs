using System.Net;
using Broadcast.Protocol.Handshake;
using Broadcast.Protocol.Identity;

namespace Broadcast.Protocol.Tests;

public sealed class HandshakeTests : IDisposable
{
    private readonly TestNetwork _net = new();

    public void Dispose() => _net.Dispose();

    private static byte[] Hello(TestEndpoint endpoint)
    {
        var hello = new byte[HelloMessage.Size];
        Assert.True(endpoint.Initiator.TryWriteHello(hello, out var written));
        Assert.Equal(HelloMessage.Size, written);
        return hello;
    }

    private HelloResult Consume(byte[] hello, string? id, string address) =>
        _net.Responder.ConsumeHello(hello, id, IPAddress.Parse(address), new byte[SessionMessage.Size]);

    [Fact]
    public void Handshake_ValidEndpoint_BothSidesDeriveMatchingKeys()
    {
        var ep = _net.AddEndpoint("BX-TT-01", "10.20.3.15/32");
        var (controller, endpoint) = _net.Connect(ep, "10.20.3.15");

        Assert.Equal(controller.LocalIndex, endpoint.RemoteIndex);
        Assert.Equal(controller.RemoteIndex, endpoint.LocalIndex);
        Assert.True(controller.SendKey.SequenceEqual(endpoint.ReceiveKey));
        Assert.True(controller.ReceiveKey.SequenceEqual(endpoint.SendKey));
        Assert.True(controller.MediaAuthKey.SequenceEqual(endpoint.MediaAuthKey));
        Assert.False(controller.SendKey.SequenceEqual(controller.ReceiveKey));
    }

    [Fact]
    public void SessionMessage_Always_SmallerThanHello() => Assert.True(SessionMessage.Size < HelloMessage.Size);

    [Fact]
    public void ConsumeHello_SameHelloTwice_SecondRefusedAsReplay()
    {
        var ep = _net.AddEndpoint("BX-TT-01", "10.20.3.15/32");
        var hello = Hello(ep);

        Assert.Equal(HandshakeStatus.Accepted, Consume(hello, ep.Id, "10.20.3.15").Status);
        var second = Consume(hello, ep.Id, "10.20.3.15");

        Assert.Equal(HandshakeStatus.Replayed, second.Status);
        Assert.Null(second.Keys);
    }

    [Fact]
    public void ConsumeHello_OlderHelloAfterNewer_RefusedAsReplay()
    {
        var ep = _net.AddEndpoint("BX-TT-01", "10.20.3.15/32");
        var older = Hello(ep);
        _net.Time.Advance(TimeSpan.FromSeconds(5));
        var newer = Hello(ep);

        Assert.True(Consume(newer, ep.Id, "10.20.3.15").IsAccepted);
        Assert.Equal(HandshakeStatus.Replayed, Consume(older, ep.Id, "10.20.3.15").Status);
    }

    [Fact]
    public void ConsumeHello_AddressOutsideBinding_RefusedNamingBothAddresses()
    {
        var ep = _net.AddEndpoint("BX-TT-03", "10.1.4.0/24");

        var result = Consume(Hello(ep), ep.Id, "10.9.9.9");

        Assert.Equal(HandshakeStatus.AddressOutsideBinding, result.Status);
        Assert.Equal("endpoint BX-TT-03 presented a key bound to 10.1.4.0/24 from 10.9.9.9", result.Message);
        Assert.Null(result.Keys);
        Assert.Equal(0, result.SessionLength);
    }

    [Fact]
    public void ConsumeHello_RefusedForAddress_DoesNotConsumeTimestamp()
    {
        var ep = _net.AddEndpoint("BX-TT-03", "10.1.4.0/24");
        var hello = Hello(ep);

        Assert.Equal(HandshakeStatus.AddressOutsideBinding, Consume(hello, ep.Id, "10.9.9.9").Status);

        Assert.Equal(HandshakeStatus.Accepted, Consume(hello, ep.Id, "10.1.4.20").Status);
    }

    [Fact]
    public void ConsumeHello_NewAddressInsideCidr_AcceptedAndFlagged()
    {
        var ep = _net.AddEndpoint("BX-TT-04", "100.64.0.0/10");
        Assert.Equal(HandshakeStatus.Accepted, Consume(Hello(ep), ep.Id, "100.64.1.5").Status);
        _net.Time.Advance(TimeSpan.FromSeconds(1));

        var moved = Consume(Hello(ep), ep.Id, "100.100.7.9");

        Assert.Equal(HandshakeStatus.AcceptedNewAddress, moved.Status);
        Assert.True(moved.IsAccepted);
        Assert.Equal(IPAddress.Parse("100.64.1.5"), moved.PreviousAddress);
        Assert.Equal(IPAddress.Parse("100.100.7.9"), moved.ObservedAddress);
        Assert.Contains("100.64.1.5", moved.Message, StringComparison.Ordinal);
        Assert.Contains("100.100.7.9", moved.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConsumeHello_Ipv6Binding_AcceptsInsideRefusesOutside()
    {
        var ep = _net.AddEndpoint("BX-TT-06", "2001:db8:5::/48");

        Assert.True(Consume(Hello(ep), ep.Id, "2001:db8:5::17").IsAccepted);
        _net.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HandshakeStatus.AddressOutsideBinding, Consume(Hello(ep), ep.Id, "2001:db8:6::17").Status);
    }

    [Fact]
    public void ConsumeHello_RevokedEndpoint_Refused()
    {
        var ep = _net.AddEndpoint("BX-TT-05", "10.20.3.16/32");
        _net.Registry.Revoke(ep.Id);

        var result = Consume(Hello(ep), ep.Id, "10.20.3.16");

        Assert.Equal(HandshakeStatus.Revoked, result.Status);
        Assert.Contains("BX-TT-05", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConsumeHello_UnknownKey_Refused()
    {
        using var stranger = StaticKeyPair.Generate(new SeededRandom(77));
        using var initiator = new EndpointHandshake(stranger, _net.Controller.PublicKey, _net.Time, new SeededRandom(78));
        var hello = new byte[HelloMessage.Size];
        Assert.True(initiator.TryWriteHello(hello, out _));

        Assert.Equal(HandshakeStatus.UnknownEndpoint, Consume(hello, "BX-XX-99", "10.0.0.1").Status);
    }

    [Fact]
    public void ConsumeHello_WrongControllerKeyPinned_BadMac()
    {
        var ep = _net.AddEndpoint("BX-TT-01", "10.20.3.15/32");
        using var other = StaticKeyPair.Generate(new SeededRandom(55));
        using var initiator = new EndpointHandshake(ep.Key, other.PublicKey, _net.Time, new SeededRandom(56));
        var hello = new byte[HelloMessage.Size];
        Assert.True(initiator.TryWriteHello(hello, out _));

        Assert.Equal(HandshakeStatus.BadMac, Consume(hello, ep.Id, "10.20.3.15").Status);
    }

    [Fact]
    public void ConsumeHello_KeyOnAnotherEndpointsTopic_Refused()
    {
        var a = _net.AddEndpoint("BX-TT-01", "10.20.3.0/24");
        _net.AddEndpoint("BX-TT-02", "10.20.3.0/24");

        Assert.Equal(HandshakeStatus.EndpointMismatch, Consume(Hello(a), "BX-TT-02", "10.20.3.15").Status);
    }

    [Fact]
    public void ConsumeHello_ClockFarOff_Refused()
    {
        var ep = _net.AddEndpoint("BX-TT-01", "10.20.3.15/32");
        var hello = Hello(ep);
        _net.Time.Advance(TimeSpan.FromHours(1));

        Assert.Equal(HandshakeStatus.ClockSkew, Consume(hello, ep.Id, "10.20.3.15").Status);
    }

    [Fact]
    public void ConsumeHello_EachByteFlipped_NoneAccepted()
    {
        var ep = _net.AddEndpoint("BX-TT-01", "10.20.3.15/32");
        var hello = Hello(ep);
        var accepted = 0;
        for (var i = 0; i < hello.Length; i++)
        {
            foreach (var mask in new byte[] { 0x01, 0x80 })
            {
                var bad = (byte[])hello.Clone();
                bad[i] ^= mask;
                accepted += Consume(bad, ep.Id, "10.20.3.15").IsAccepted ? 1 : 0;
            }
        }

        Assert.Equal(0, accepted);
        Assert.True(Consume(hello, ep.Id, "10.20.3.15").IsAccepted);
    }

    [Fact]
    public void ConsumeSession_EachByteFlipped_NoneAccepted()
    {
        var ep = _net.AddEndpoint("BX-TT-01", "10.20.3.15/32");
        var session = new byte[SessionMessage.Size];
        Assert.True(_net.Responder.ConsumeHello(Hello(ep), ep.Id, IPAddress.Parse("10.20.3.15"), session).IsAccepted);
        var accepted = 0;
        for (var i = 0; i < session.Length; i++)
        {
            foreach (var mask in new byte[] { 0x01, 0x80 })
            {
                var bad = (byte[])session.Clone();
                bad[i] ^= mask;
                accepted += ep.Initiator.ConsumeSession(bad, out _) == HandshakeStatus.Accepted ? 1 : 0;
            }
        }

        Assert.Equal(0, accepted);
        Assert.Equal(HandshakeStatus.Accepted, ep.Initiator.ConsumeSession(session, out var keys));
        keys!.Dispose();
    }

    [Fact]
    public void ConsumeSession_SameSessionTwice_SecondRefused()
    {
        var ep = _net.AddEndpoint("BX-TT-01", "10.20.3.15/32");
        var session = new byte[SessionMessage.Size];
        Assert.True(_net.Responder.ConsumeHello(Hello(ep), ep.Id, IPAddress.Parse("10.20.3.15"), session).IsAccepted);
        Assert.Equal(HandshakeStatus.Accepted, ep.Initiator.ConsumeSession(session, out var keys));
        keys!.Dispose();

        Assert.Equal(HandshakeStatus.UnexpectedIndex, ep.Initiator.ConsumeSession(session, out _));
    }

    [Fact]
    public void Parsers_TruncatedOversizedGarbage_TypedRejection()
    {
        var ep = _net.AddEndpoint("BX-TT-01", "10.20.3.15/32");
        var hello = Hello(ep);
        var rng = new Random(5);
        for (var length = 0; length < 300; length++)
        {
            var garbage = new byte[length];
            rng.NextBytes(garbage);
            var status = Consume(garbage, ep.Id, "10.20.3.15").Status;
            Assert.True(status is HandshakeStatus.Malformed or HandshakeStatus.BadMac, $"{length}: {status}");
            Assert.NotEqual(HandshakeStatus.Accepted, ep.Initiator.ConsumeSession(garbage, out _));
        }

        Assert.Equal(HandshakeStatus.Malformed, Consume(hello[..^1], ep.Id, "10.20.3.15").Status);
        Assert.Equal(HandshakeStatus.Malformed, Consume([.. hello, 0], ep.Id, "10.20.3.15").Status);
    }

    [Fact]
    public void Hello_LowOrderEphemeralWithValidMac_DecryptFailedNoException()
    {
        var ep = _net.AddEndpoint("BX-TT-01", "10.20.3.15/32");
        var hello = Hello(ep);
        // The all-zero point is of low order (RFC 7748 section 6.1); recompute mac1 as an attacker knowing the public key can.
        hello.AsSpan(HelloMessage.EphemeralOffset, 32).Clear();
        Span<byte> macKey = stackalloc byte[32];
        Crypto.Mac.DeriveMac1Key(_net.Controller.PublicKey.Span, macKey);
        Crypto.Mac.Compute(macKey, hello.AsSpan(0, HelloMessage.Mac1Offset), hello.AsSpan(HelloMessage.Mac1Offset, 16));

        Assert.Equal(HandshakeStatus.DecryptFailed, Consume(hello, ep.Id, "10.20.3.15").Status);
    }

    [Fact]
    public void SessionKeys_ToString_HidesSecrets()
    {
        var ep = _net.AddEndpoint("BX-TT-01", "10.20.3.15/32");
        var (controller, _) = _net.Connect(ep, "10.20.3.15");

        var text = controller.ToString();

        Assert.DoesNotContain(Convert.ToHexString(controller.SendKey), text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Convert.ToBase64String(controller.SendKey), text, StringComparison.Ordinal);
        Assert.Contains("redacted", text, StringComparison.Ordinal);
    }
}
