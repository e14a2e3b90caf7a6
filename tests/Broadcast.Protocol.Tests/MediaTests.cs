using Broadcast.Protocol.Control;
using Broadcast.Protocol.Media;
using Broadcast.Protocol.Rtp;

namespace Broadcast.Protocol.Tests;

public sealed class MediaTests : IDisposable
{
    private const uint Channel = 7;
    private readonly TestNetwork _net = new();
    private readonly List<IDisposable> _owned = [];

    public void Dispose()
    {
        foreach (var item in _owned)
        {
            item.Dispose();
        }

        _net.Dispose();
    }

    private T Own<T>(T item)
        where T : IDisposable
    {
        _owned.Add(item);
        return item;
    }

    private sealed record Member(OriginAuthenticator ControllerTagger, MediaReceiver Receiver, ControlChannel ControllerControl, ControlChannel EndpointControl, OriginAuthenticator EndpointOrigin);

    private Member Join(string id, string address)
    {
        var ep = _net.AddEndpoint(id, address + "/32");
        var (controller, endpoint) = _net.Connect(ep, address);
        var endpointOrigin = Own(endpoint.CreateOriginAuthenticator());
        return new Member(
            Own(controller.CreateOriginAuthenticator()),
            new MediaReceiver(Channel, endpointOrigin),
            Own(controller.CreateControlChannel()),
            Own(endpoint.CreateControlChannel()),
            endpointOrigin);
    }

    /// <summary>Controller wraps the key for the member; the member unwraps and installs it.</summary>
    private void DeliverKey(ChannelKey key, Member member)
    {
        var plain = new byte[64];
        Assert.True(new ChannelKeyMessage(key).TryWrite(plain, out var plainLength));
        var envelope = new byte[ControlChannel.MaxEnvelopeSize];
        Assert.True(member.ControllerControl.TrySeal(plain.AsSpan(0, plainLength), envelope, out var envelopeLength));
        var opened = new byte[ControlChannel.MaxPlaintextSize];
        Assert.Equal(ControlOpenStatus.Ok, member.EndpointControl.TryOpen(envelope.AsSpan(0, envelopeLength), opened, out var openedLength));
        Assert.True(ChannelKeyMessage.TryRead(opened.AsSpan(0, openedLength), out var message, out _));
        Assert.True(member.Receiver.InstallKey(Own(message!.ToChannelKey())));
    }

    private static byte[] Payload(int seed, int length = 160)
    {
        var payload = new byte[length];
        new Random(seed).NextBytes(payload);
        return payload;
    }

    private static byte[] SealFor(MediaSealer sealer, ushort seq, byte[] payload, OriginAuthenticator tagger)
    {
        var buffer = new byte[SecureMediaLayout.MaxPacketSize];
        var header = new RtpHeader(false, OpusRtp.PayloadType, seq, seq * 960u, Channel);
        Assert.True(sealer.TrySeal(header, payload, buffer, out var sealedLength));
        tagger.WriteTag(buffer.AsSpan(0, sealedLength), buffer.AsSpan(sealedLength, SecureMediaLayout.OriginTagSize));
        return buffer[..(sealedLength + SecureMediaLayout.OriginTagSize)];
    }

    private static MediaOpenStatus Open(Member member, byte[] packet, out byte[] payload)
    {
        var buffer = new byte[SecureMediaLayout.MaxPacketSize];
        var status = member.Receiver.TryOpen(packet, buffer, out _, out var length);
        payload = buffer[..length];
        return status;
    }

    [Fact]
    public void SealTagOpen_ValidPacket_PayloadRecovered()
    {
        using var ring = new ChannelKeyRing(Channel, _net.Time, random: new SeededRandom(9));
        var a = Join("BX-TT-01", "10.20.3.15");
        DeliverKey(ring.Current, a);
        var sealer = new MediaSealer(Channel);
        sealer.UseKey(ring.Current);
        var payload = Payload(1);

        var packet = SealFor(sealer, 1, payload, a.ControllerTagger);

        Assert.Equal(payload.Length + SecureMediaLayout.Overhead, packet.Length);
        Assert.Equal(56, SecureMediaLayout.Overhead);
        Assert.Equal(MediaOpenStatus.Ok, Open(a, packet, out var opened));
        Assert.Equal(payload, opened);
    }

    [Fact]
    public void SealOnce_TwoEndpoints_EachOpensOnlyItsOwnTaggedCopy()
    {
        using var ring = new ChannelKeyRing(Channel, _net.Time, random: new SeededRandom(9));
        var a = Join("BX-TT-01", "10.20.3.15");
        var b = Join("BX-TT-02", "10.20.3.16");
        DeliverKey(ring.Current, a);
        DeliverKey(ring.Current, b);
        var sealer = new MediaSealer(Channel);
        sealer.UseKey(ring.Current);
        var buffer = new byte[SecureMediaLayout.MaxPacketSize];
        Assert.True(sealer.TrySeal(new RtpHeader(true, OpusRtp.PayloadType, 1, 960, Channel), Payload(2), buffer, out var sealedLength));
        var forA = new byte[sealedLength + 16];
        var forB = new byte[sealedLength + 16];

        Assert.True(a.ControllerTagger.TryWriteTagged(buffer.AsSpan(0, sealedLength), forA, out _));
        Assert.True(b.ControllerTagger.TryWriteTagged(buffer.AsSpan(0, sealedLength), forB, out _));

        Assert.Equal(MediaOpenStatus.BadOrigin, Open(a, forB, out _));
        Assert.Equal(MediaOpenStatus.BadOrigin, Open(b, forA, out _));
        Assert.Equal(MediaOpenStatus.Ok, Open(a, forA, out _));
        Assert.Equal(MediaOpenStatus.Ok, Open(b, forB, out _));
    }

    [Fact]
    public void TryOpen_EachByteFlipped_NoneAccepted()
    {
        using var ring = new ChannelKeyRing(Channel, _net.Time, random: new SeededRandom(9));
        var a = Join("BX-TT-01", "10.20.3.15");
        DeliverKey(ring.Current, a);
        var sealer = new MediaSealer(Channel);
        sealer.UseKey(ring.Current);
        var packet = SealFor(sealer, 1, Payload(3), a.ControllerTagger);
        var accepted = 0;
        for (var i = 0; i < packet.Length; i++)
        {
            for (var bit = 0; bit < 8; bit++)
            {
                var bad = (byte[])packet.Clone();
                bad[i] ^= (byte)(1 << bit);
                accepted += Open(a, bad, out _) == MediaOpenStatus.Ok ? 1 : 0;
            }
        }

        Assert.Equal(0, accepted);
        Assert.Equal(MediaOpenStatus.Ok, Open(a, packet, out _));
    }

    [Fact]
    public void TryOpen_ReplayInsideAndOutsideWindow_NoneAccepted()
    {
        using var ring = new ChannelKeyRing(Channel, _net.Time, random: new SeededRandom(9));
        var a = Join("BX-TT-01", "10.20.3.15");
        DeliverKey(ring.Current, a);
        var sealer = new MediaSealer(Channel);
        sealer.UseKey(ring.Current);
        var packets = Enumerable.Range(0, 2000).Select(i => SealFor(sealer, (ushort)i, Payload(i, 40), a.ControllerTagger)).ToList();
        foreach (var packet in packets)
        {
            Assert.Equal(MediaOpenStatus.Ok, Open(a, packet, out _));
        }

        var statuses = packets.Select(p => Open(a, p, out _)).ToList();

        Assert.DoesNotContain(MediaOpenStatus.Ok, statuses);
        Assert.Equal(MediaOpenStatus.Replayed, statuses[^1]);
        Assert.Equal(MediaOpenStatus.TooOld, statuses[0]);
    }

    [Fact]
    public void TryOpen_ReorderedWithinWindow_Accepted()
    {
        using var ring = new ChannelKeyRing(Channel, _net.Time, random: new SeededRandom(9));
        var a = Join("BX-TT-01", "10.20.3.15");
        DeliverKey(ring.Current, a);
        var sealer = new MediaSealer(Channel);
        sealer.UseKey(ring.Current);
        var packets = Enumerable.Range(0, 10).Select(i => SealFor(sealer, (ushort)i, Payload(i, 40), a.ControllerTagger)).ToList();

        foreach (var i in new[] { 9, 0, 5, 3, 8, 1, 2, 4, 7, 6 })
        {
            Assert.Equal(MediaOpenStatus.Ok, Open(a, packets[i], out _));
        }
    }

    [Fact]
    public void Forgery_SecondEndpointWithItsOwnKeys_NoneAcceptedByFirst()
    {
        using var ring = new ChannelKeyRing(Channel, _net.Time, random: new SeededRandom(9));
        var victim = Join("BX-TT-01", "10.20.3.15");
        var attacker = Join("BX-TT-02", "10.20.3.16");
        DeliverKey(ring.Current, victim);
        DeliverKey(ring.Current, attacker);
        // The attacker knows the channel key (it is a member) and its own media-auth key.
        using var stolen = ChannelKey.FromBytes(Channel, ring.Current.KeyId, ring.Current.Raw);
        var forger = new MediaSealer(Channel);
        forger.UseKey(stolen);
        var genuine = new MediaSealer(Channel);
        genuine.UseKey(ring.Current);
        var rng = new Random(11);
        var accepted = 0;
        for (var i = 0; i < 300; i++)
        {
            // 1. sealed with the real channel key, tagged with the attacker's own media-auth key
            accepted += Open(victim, SealFor(forger, (ushort)i, Payload(i), attacker.EndpointOrigin), out _) == MediaOpenStatus.Ok ? 1 : 0;

            // 2. a genuine packet addressed to the attacker, re-routed to the victim
            accepted += Open(victim, SealFor(genuine, (ushort)i, Payload(i), attacker.ControllerTagger), out _) == MediaOpenStatus.Ok ? 1 : 0;

            // 3. forged payload with a random tag
            var forged = SealFor(forger, (ushort)i, Payload(i), attacker.EndpointOrigin);
            rng.NextBytes(forged.AsSpan(forged.Length - 16));
            accepted += Open(victim, forged, out _) == MediaOpenStatus.Ok ? 1 : 0;
        }

        Assert.Equal(0, accepted);
        Assert.Equal(MediaOpenStatus.Ok, Open(victim, SealFor(genuine, 1, Payload(1), victim.ControllerTagger), out _));
    }

    [Fact]
    public void Revoke_RevokedEndpoint_CannotOpenPacketsSealedAfterwards()
    {
        using var ring = new ChannelKeyRing(Channel, _net.Time, random: new SeededRandom(9));
        var stays = Join("BX-TT-01", "10.20.3.15");
        var revoked = Join("BX-TT-02", "10.20.3.16");
        ring.AddMember("BX-TT-01");
        ring.AddMember("BX-TT-02");
        DeliverKey(ring.Current, stays);
        DeliverKey(ring.Current, revoked);
        var sealer = new MediaSealer(Channel);
        sealer.UseKey(ring.Current);
        Assert.Equal(MediaOpenStatus.Ok, Open(revoked, SealFor(sealer, 1, Payload(1), revoked.ControllerTagger), out _));

        var newKey = ring.Revoke("BX-TT-02");
        Assert.DoesNotContain("BX-TT-02", ring.Members);
        DeliverKey(newKey, stays);
        sealer.UseKey(newKey);

        var accepted = 0;
        for (var i = 2; i < 100; i++)
        {
            // Even a copy tagged for it (the controller no longer makes one) does not open: it lacks the key.
            accepted += Open(revoked, SealFor(sealer, (ushort)i, Payload(i), revoked.ControllerTagger), out _) == MediaOpenStatus.Ok ? 1 : 0;
            Assert.Equal(MediaOpenStatus.Ok, Open(stays, SealFor(sealer, (ushort)i, Payload(i), stays.ControllerTagger), out _));
        }

        Assert.Equal(0, accepted);
        Assert.Equal(MediaOpenStatus.UnknownKey, Open(revoked, SealFor(sealer, 500, Payload(5), revoked.ControllerTagger), out _));
    }

    [Fact]
    public void Rekey_PacketsOfPreviousKeyInFlight_StillOpen()
    {
        using var ring = new ChannelKeyRing(Channel, _net.Time, random: new SeededRandom(9));
        var a = Join("BX-TT-01", "10.20.3.15");
        DeliverKey(ring.Current, a);
        var sealer = new MediaSealer(Channel);
        sealer.UseKey(ring.Current);
        var late = SealFor(sealer, 1, Payload(1), a.ControllerTagger);

        _net.Time.Advance(TimeSpan.FromMinutes(10));
        Assert.True(ring.IsRekeyDue);
        DeliverKey(ring.Rekey(), a);
        sealer.UseKey(ring.Current);

        Assert.False(ring.IsRekeyDue);
        Assert.Equal(MediaOpenStatus.Ok, Open(a, SealFor(sealer, 2, Payload(2), a.ControllerTagger), out _));
        Assert.Equal(MediaOpenStatus.Ok, Open(a, late, out _));
        Assert.Equal(MediaOpenStatus.Replayed, Open(a, late, out _));
    }

    [Fact]
    public void TryOpen_TruncatedOversizedGarbage_TypedRejection()
    {
        using var ring = new ChannelKeyRing(Channel, _net.Time, random: new SeededRandom(9));
        var a = Join("BX-TT-01", "10.20.3.15");
        DeliverKey(ring.Current, a);
        var sealer = new MediaSealer(Channel);
        sealer.UseKey(ring.Current);
        var packet = SealFor(sealer, 1, Payload(1), a.ControllerTagger);
        for (var cut = 0; cut < packet.Length; cut++)
        {
            Assert.NotEqual(MediaOpenStatus.Ok, Open(a, packet[..cut], out _));
        }

        Assert.Equal(MediaOpenStatus.Malformed, Open(a, new byte[SecureMediaLayout.MaxPacketSize + 1], out _));
        var rng = new Random(3);
        for (var i = 0; i < 2000; i++)
        {
            var garbage = new byte[rng.Next(0, 1500)];
            rng.NextBytes(garbage);
            Assert.NotEqual(MediaOpenStatus.Ok, Open(a, garbage, out _));
        }
    }

    [Fact]
    public void Multicast_SignedPacket_OpensAndForgeryRejected()
    {
        using var ring = new ChannelKeyRing(Channel, _net.Time, random: new SeededRandom(9));
        using var signer = MulticastSigner.FromSeed(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());
        var publicKey = new byte[32];
        signer.WritePublicKey(publicKey);
        Assert.True(MulticastVerifier.TryCreate(publicKey, out var verifier));
        var receiver = new MediaReceiver(Channel, verifier!);
        receiver.InstallKey(ring.Current);
        var sealer = new MediaSealer(Channel);
        sealer.UseKey(ring.Current);
        var buffer = new byte[SecureMediaLayout.MaxPacketSize];
        Assert.True(sealer.TrySeal(new RtpHeader(false, OpusRtp.PayloadType, 1, 960, Channel), Payload(1), buffer, out var sealedLength));
        signer.Sign(buffer.AsSpan(0, sealedLength), buffer.AsSpan(sealedLength, 64));
        var packet = buffer[..(sealedLength + 64)];
        var output = new byte[1400];
        var flippedAccepted = 0;
        for (var i = 0; i < packet.Length; i++)
        {
            var bad = (byte[])packet.Clone();
            bad[i] ^= 0x01;
            flippedAccepted += receiver.TryOpen(bad, output, out _, out _) == MediaOpenStatus.Ok ? 1 : 0;
        }

        Assert.Equal(0, flippedAccepted);
        Assert.Equal(MediaOpenStatus.Ok, receiver.TryOpen(packet, output, out _, out var length));
        Assert.Equal(160, length);
    }

    [Fact]
    public void TrySeal_WrongSsrcOrNoKey_Refused()
    {
        using var ring = new ChannelKeyRing(Channel, _net.Time, random: new SeededRandom(9));
        var sealer = new MediaSealer(Channel);
        var buffer = new byte[1400];

        Assert.False(sealer.TrySeal(new RtpHeader(false, OpusRtp.PayloadType, 1, 960, Channel), Payload(1), buffer, out _));
        sealer.UseKey(ring.Current);
        Assert.False(sealer.TrySeal(new RtpHeader(false, OpusRtp.PayloadType, 1, 960, Channel + 1), Payload(1), buffer, out _));
        Assert.False(sealer.TrySeal(new RtpHeader(false, OpusRtp.PayloadType, 1, 960, Channel), Payload(1), buffer.AsSpan(0, 100), out _));
        Assert.True(sealer.TrySeal(new RtpHeader(false, OpusRtp.PayloadType, 1, 960, Channel), Payload(1), buffer, out _));
    }
}
