using Broadcast.Protocol.Control;
using Broadcast.Protocol.Handshake;
using Broadcast.Protocol.Media;

namespace Broadcast.Protocol.Tests;

public sealed class WorkedExampleTests
{
    private static readonly string[] ExpectedBlocks =
    [
        "controller-static-public", "endpoint-static-public", "hello", "session", "key-endpoint-to-controller",
        "key-controller-to-endpoint", "key-media-auth", "channel-key-message", "channel-key-envelope", "media-packet",
        "status-message", "command-message",
    ];

    [Fact]
    public void Produce_FixedInputs_MatchesHexBlocksOfProtocolDoc()
    {
        using var example = new WorkedExample();
        var actual = example.Produce();
        var documented = ProtocolDoc.HexBlocks();

        var mismatched = ExpectedBlocks.Where(name => !documented.TryGetValue(name, out var doc) || !doc.AsSpan().SequenceEqual(actual[name])).ToList();
        if (mismatched.Count > 0)
        {
            // Leaves the actual blocks next to the test assembly so a deliberate protocol change can update the doc.
            File.WriteAllText(System.IO.Path.Combine(AppContext.BaseDirectory, "protocol-examples.actual.txt"),
                string.Join("\n", actual.Select(kv => $"```hex name={kv.Key}\n{ProtocolDoc.Format(kv.Value)}\n```\n")));
        }

        Assert.Empty(mismatched);
    }

    [Fact]
    public void DocHello_ConsumedByResponder_ProducesDocSession()
    {
        var doc = ProtocolDoc.HexBlocks();
        using var example = new WorkedExample();
        var session = new byte[SessionMessage.Size];

        var result = example.Responder.ConsumeHello(doc["hello"], WorkedExample.EndpointId, WorkedExample.Address, session);

        Assert.Equal(HandshakeStatus.Accepted, result.Status);
        result.Keys!.Dispose();
        Assert.Equal(doc["session"], session);
        Assert.True(HelloMessage.TryRead(doc["hello"], out var hello, out _));
        Assert.Equal(1u, hello!.SenderIndex);
    }

    [Fact]
    public void DocMessages_ParsedAndRewritten_ByteForByte()
    {
        var doc = ProtocolDoc.HexBlocks();
        var buffer = new byte[256];

        Assert.True(HelloMessage.TryRead(doc["hello"], out var hello, out _));
        Assert.True(hello!.TryWrite(buffer, out var n));
        Assert.Equal(doc["hello"], buffer[..n]);

        Assert.True(SessionMessage.TryRead(doc["session"], out var session, out _));
        Assert.True(session!.TryWrite(buffer, out n));
        Assert.Equal(doc["session"], buffer[..n]);

        Assert.True(ChannelKeyMessage.TryRead(doc["channel-key-message"], out var channelKey, out _));
        Assert.True(channelKey!.TryWrite(buffer, out n));
        Assert.Equal(doc["channel-key-message"], buffer[..n]);
        Assert.Equal(WorkedExample.Channel, channelKey.ChannelId);

        Assert.True(StatusMessage.TryRead(doc["status-message"], out var status, out _));
        Assert.Equal(WorkedExample.Status, status);
        Assert.True(CommandMessage.TryRead(doc["command-message"], out var command, out _));
        Assert.Equal(WorkedExample.Command, command);
    }

    [Fact]
    public void DocEnvelopeAndMedia_OpenedByEndpoint_YieldKeyAndPayload()
    {
        var doc = ProtocolDoc.HexBlocks();
        using var example = new WorkedExample();
        var hello = new byte[HelloMessage.Size];
        Assert.True(example.Initiator.TryWriteHello(hello, out _));
        Assert.Equal(HandshakeStatus.Accepted, example.Initiator.ConsumeSession(doc["session"], out var keys));
        using var endpointKeys = keys!;
        using var control = endpointKeys.CreateControlChannel();
        var plain = new byte[ControlChannel.MaxPlaintextSize];

        Assert.Equal(ControlOpenStatus.Ok, control.TryOpen(doc["channel-key-envelope"], plain, out var n));
        Assert.True(ChannelKeyMessage.TryRead(plain.AsSpan(0, n), out var message, out _));
        using var channelKey = message!.ToChannelKey();
        using var origin = endpointKeys.CreateOriginAuthenticator();
        var receiver = new MediaReceiver(WorkedExample.Channel, origin);
        Assert.True(receiver.InstallKey(channelKey));
        var payload = new byte[64];

        Assert.Equal(MediaOpenStatus.Ok, receiver.TryOpen(doc["media-packet"], payload, out var header, out var length));
        Assert.Equal(WorkedExample.OpusPayload, payload[..length]);
        Assert.Equal(WorkedExample.MediaHeader, header);
    }
}
