using System.Net;
using Broadcast.Protocol.Control;
using Broadcast.Protocol.Handshake;
using Broadcast.Protocol.Identity;
using Broadcast.Protocol.Media;
using Broadcast.Protocol.Rtp;
using Microsoft.Extensions.Time.Testing;

namespace Broadcast.Protocol.Tests;

/// <summary>
/// The fixed inputs of the worked example of docs/protocol.md and the bytes they produce. Every key and random
/// draw is a fixed pattern so that anyone can reproduce the example with another implementation.
/// </summary>
public sealed class WorkedExample : IDisposable
{
    public const string EndpointId = "BX-TT-01";
    public const uint Channel = 7;
    public static readonly IPAddress Address = IPAddress.Parse("10.20.3.15");

    public WorkedExample()
    {
        Time = new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        Controller = StaticKeyPair.FromPrivateKey(Pattern(0x00));
        Endpoint = StaticKeyPair.FromPrivateKey(Pattern(0x20));
        Registry.Upsert(new EndpointRegistration(EndpointId, "Trịnh Tường", "Na Lốc 1", Endpoint.PublicKey, IpBinding.Parse("10.20.3.15/32")));
        Responder = new ControllerHandshake(Controller, Registry, Time, new ScriptedRandom(Pattern(0x60), [0, 0, 0, 2]));
        Initiator = new EndpointHandshake(Endpoint, Controller.PublicKey, Time, new ScriptedRandom(Pattern(0x40), [0, 0, 0, 1]));
        ChannelKey = ChannelKey.Create(Channel, 1, new ScriptedRandom(Pattern(0x80)));
    }

    public FakeTimeProvider Time { get; }

    public StaticKeyPair Controller { get; }

    public StaticKeyPair Endpoint { get; }

    public InMemoryEndpointRegistry Registry { get; } = new();

    public ControllerHandshake Responder { get; }

    public EndpointHandshake Initiator { get; }

    public ChannelKey ChannelKey { get; }

    public static byte[] Pattern(byte start) => Enumerable.Range(start, 32).Select(i => (byte)i).ToArray();

    public static byte[] OpusPayload => Enumerable.Range(0xA0, 16).Select(i => (byte)i).ToArray();

    public static RtpHeader MediaHeader => new(true, OpusRtp.PayloadType, 1, 960, Channel);

    public static StatusMessage Status => new(EndpointState.Playing, 80, 120, 15, 3, Channel, 1, 3600);

    public static CommandMessage Command => new(42, CommandKind.Play, 1, 80, Channel, 0xEB1F_5380_8000_0000);

    /// <summary>Runs the whole example and returns every named block.</summary>
    public Dictionary<string, byte[]> Produce()
    {
        var blocks = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["controller-static-public"] = Controller.PublicKey.Span.ToArray(),
            ["endpoint-static-public"] = Endpoint.PublicKey.Span.ToArray(),
        };

        var hello = new byte[HelloMessage.Size];
        Assert.True(Initiator.TryWriteHello(hello, out _));
        blocks["hello"] = hello;

        var session = new byte[SessionMessage.Size];
        var result = Responder.ConsumeHello(hello, EndpointId, Address, session);
        Assert.Equal(HandshakeStatus.Accepted, result.Status);
        blocks["session"] = session;

        Assert.Equal(HandshakeStatus.Accepted, Initiator.ConsumeSession(session, out var endpointKeys));
        using var controllerKeys = result.Keys!;
        using var keys = endpointKeys!;
        blocks["key-endpoint-to-controller"] = keys.SendKey.ToArray();
        blocks["key-controller-to-endpoint"] = keys.ReceiveKey.ToArray();
        blocks["key-media-auth"] = keys.MediaAuthKey.ToArray();

        var plain = new byte[64];
        Assert.True(new ChannelKeyMessage(ChannelKey).TryWrite(plain, out var plainLength));
        blocks["channel-key-message"] = plain[..plainLength];

        using var control = controllerKeys.CreateControlChannel();
        var envelope = new byte[ControlChannel.MaxEnvelopeSize];
        Assert.True(control.TrySeal(plain.AsSpan(0, plainLength), envelope, out var envelopeLength));
        blocks["channel-key-envelope"] = envelope[..envelopeLength];

        var sealer = new MediaSealer(Channel);
        sealer.UseKey(ChannelKey);
        var packet = new byte[SecureMediaLayout.MaxPacketSize];
        Assert.True(sealer.TrySeal(MediaHeader, OpusPayload, packet, out var sealedLength));
        using var tagger = controllerKeys.CreateOriginAuthenticator();
        tagger.WriteTag(packet.AsSpan(0, sealedLength), packet.AsSpan(sealedLength, 16));
        blocks["media-packet"] = packet[..(sealedLength + 16)];

        var status = new byte[32];
        Assert.True(Status.TryWrite(status, out var statusLength));
        blocks["status-message"] = status[..statusLength];

        var command = new byte[32];
        Assert.True(Command.TryWrite(command, out var commandLength));
        blocks["command-message"] = command[..commandLength];
        return blocks;
    }

    public void Dispose()
    {
        ChannelKey.Dispose();
        Initiator.Dispose();
        Responder.Dispose();
        Controller.Dispose();
        Endpoint.Dispose();
    }
}
