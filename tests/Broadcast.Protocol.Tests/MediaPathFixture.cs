using Broadcast.Protocol.Handshake;
using Broadcast.Protocol.Media;
using Broadcast.Protocol.Rtp;

namespace Broadcast.Protocol.Tests;

/// <summary>A connected controller/endpoint pair with a channel key, for allocation checks and measurements.</summary>
public sealed class MediaPathFixture : IDisposable
{
    public const uint Channel = 9;
    private readonly TestNetwork _net = new();
    private readonly ChannelKeyRing _ring;
    private readonly SessionKeys _controllerKeys;
    private readonly SessionKeys _endpointKeys;

    public MediaPathFixture()
    {
        (_controllerKeys, _endpointKeys) = _net.Connect(_net.AddEndpoint("BX-TT-01", "10.0.0.1"), "10.0.0.1");
        _ring = new ChannelKeyRing(Channel, _net.Time, random: new SeededRandom(4));
        Tagger = _controllerKeys.CreateOriginAuthenticator();
        Origin = _endpointKeys.CreateOriginAuthenticator();
        Sealer = new MediaSealer(Channel);
        Sealer.UseKey(_ring.Current);
        Receiver = new MediaReceiver(Channel, Origin);
        Receiver.InstallKey(_ring.Current);
    }

    public MediaSealer Sealer { get; }

    public OriginAuthenticator Tagger { get; }

    public OriginAuthenticator Origin { get; }

    public MediaReceiver Receiver { get; }

    public byte[] Payload { get; } = new byte[160];

    public byte[] Packet { get; } = new byte[SecureMediaLayout.MaxPacketSize];

    public byte[] Output { get; } = new byte[SecureMediaLayout.MaxPacketSize];

    /// <summary>Seal once, tag for the endpoint; returns the wire length.</summary>
    public int SealAndTag(ushort sequence)
    {
        var header = new RtpHeader(false, OpusRtp.PayloadType, sequence, sequence * 960u, Channel);
        if (!Sealer.TrySeal(header, Payload, Packet, out var sealedLength))
        {
            throw new InvalidOperationException("seal failed");
        }

        Tagger.WriteTag(Packet.AsSpan(0, sealedLength), Packet.AsSpan(sealedLength, SecureMediaLayout.OriginTagSize));
        return sealedLength + SecureMediaLayout.OriginTagSize;
    }

    public MediaOpenStatus Open(int length) => Receiver.TryOpen(Packet.AsSpan(0, length), Output, out _, out _);

    public void Dispose()
    {
        Tagger.Dispose();
        Origin.Dispose();
        _ring.Dispose();
        _net.Dispose();
    }
}
