using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Broadcast.Audio.Codec;
using Broadcast.Audio.Ogg;
using Broadcast.Protocol.Control;
using Broadcast.Protocol.Media;
using Broadcast.Tests.Common;

namespace Broadcast.Server.Tests;

public sealed class EndToEndTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Broadcast_HandshakeRegisterAndPlay_EndpointDecodesTheSource()
    {
        await using var endpoint = await FakeEndpoint.ConnectAsync("BX-BX-01", IPAddress.Parse("127.10.1.1"), server.MqttPort);
        using var keys = await endpoint.HandshakeAsync(server.InsideKey, server.ControllerPublicKey, Timeout);
        using var control = keys.CreateControlChannel();
        using var origin = keys.CreateOriginAuthenticator();
        endpoint.RegisterUdp(control, server.UdpPort);

        var view = await PollAsync(() => server.Http.GetFromJsonAsync<JsonElement>("/api/endpoints/BX-BX-01"), v => v.GetProperty("mediaAddress").ValueKind == JsonValueKind.String);
        Assert.True(view.GetProperty("online").GetBoolean());
        Assert.Equal("127.10.1.1", view.GetProperty("address").GetString());
        Assert.StartsWith("127.10.1.1:", view.GetProperty("mediaAddress").GetString(), StringComparison.Ordinal);

        var source = Signals.SpeechLikeNoise(1.0);
        var file = Path.Combine(server.DataDir, "short.opus");
        using (var stream = File.Create(file))
        {
            OggOpusFile.Encode(stream, source, new OpusEncoderSettings());
        }

        var response = await server.Http.PostAsJsonAsync("/api/broadcasts", new { programme = file, target = "cluster:BX-BX-01", priority = "district" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var started = await response.Content.ReadFromJsonAsync<JsonElement>();
        var channel = started.GetProperty("channel").GetUInt32();
        Assert.Equal("BX-BX-01", started.GetProperty("targets")[0].GetString());

        var packets = ReceiveMedia(endpoint.Udp, expected: 50, TimeSpan.FromSeconds(5));
        var receiver = new MediaReceiver(channel, origin);
        var plain = new byte[ControlChannel.MaxPlaintextSize];
        while (endpoint.Commands.TryDequeue(out var envelope))
        {
            if (control.TryOpen(envelope, plain, out var length) == ControlOpenStatus.Ok
                && ChannelKeyMessage.TryRead(plain.AsSpan(0, length), out var keyMessage, out _) && keyMessage is not null)
            {
                receiver.InstallKey(keyMessage.ToChannelKey());
            }
        }

        using var decoder = new OpusDecoder();
        var decoded = new List<float>();
        var payload = new byte[1400];
        var pcm = new float[OpusDecoder.MaxPacketSamples48k];
        foreach (var packet in packets)
        {
            Assert.Equal(MediaOpenStatus.Ok, receiver.TryOpen(packet, payload, out _, out var payloadLength));
            var samples = decoder.Decode(payload.AsSpan(0, payloadLength), pcm);
            decoded.AddRange(pcm.AsSpan(0, samples).ToArray());
        }

        Assert.Equal(50, packets.Count);
        // Transport exactness: what arrived decodes like the file itself (same packets, same decoder).
        float[] reference;
        using (var stream = File.OpenRead(file))
        {
            reference = OggOpusFile.Decode(stream, out _, out _);
        }

        var exact = Signals.BestCorrelation(reference, decoded.ToArray(), maxLag: 1000);
        Assert.True(exact > 0.99, $"received audio correlates {exact:F3} with a local decode of the file");
        // And with the source itself, through a 32 kb/s voice codec on broadband noise.
        var correlation = Signals.BestCorrelation(source, decoded.ToArray(), maxLag: 1000);
        Assert.True(correlation > 0.7, $"decoded audio correlates {correlation:F3} with the source");
    }

    [Fact]
    public async Task Hello_FromOutsideBinding_RefusedAndCounted()
    {
        await using var endpoint = await FakeEndpoint.ConnectAsync("BX-BX-03", IPAddress.Parse("127.10.9.9"), server.MqttPort);
        using var handshake = new Broadcast.Protocol.Handshake.EndpointHandshake(server.OutsideKey, server.ControllerPublicKey, TimeProvider.System);
        await endpoint.SendHelloAsync(handshake);

        var metrics = await PollAsync(
            () => server.Http.GetFromJsonAsync<JsonElement>("/api/metrics"),
            m => m.GetProperty("handshakesRefused").TryGetProperty("AddressOutsideBinding", out _));
        Assert.True(metrics.GetProperty("handshakesRefused").GetProperty("AddressOutsideBinding").GetInt64() >= 1);
        Assert.True(endpoint.Sessions.IsEmpty);
        var view = await server.Http.GetFromJsonAsync<JsonElement>("/api/endpoints/BX-BX-03");
        Assert.False(view.GetProperty("online").GetBoolean());
    }

    [Fact]
    public async Task PostBroadcast_UnknownTarget_400NamingIt()
    {
        var response = await server.Http.PostAsJsonAsync("/api/broadcasts", new { programme = "whatever.opus", target = "commune:Atlantis", priority = "district" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("commune:Atlantis", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostBroadcast_MissingFile_400NamingIt()
    {
        var response = await server.Http.PostAsJsonAsync("/api/broadcasts", new { programme = "no-such-programme.opus", target = "all" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("no-such-programme.opus", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static List<byte[]> ReceiveMedia(Socket socket, int expected, TimeSpan timeout)
    {
        var packets = new List<byte[]>();
        var buffer = new byte[2048];
        socket.ReceiveTimeout = (int)timeout.TotalMilliseconds;
        while (packets.Count < expected)
        {
            var length = socket.Receive(buffer);
            packets.Add(buffer.AsSpan(0, length).ToArray());
        }

        return packets;
    }

    private static async Task<JsonElement> PollAsync(Func<Task<JsonElement>> get, Func<JsonElement, bool> done)
    {
        var deadline = TimeProvider.System.GetUtcNow() + Timeout;
        while (true)
        {
            var value = await get();
            if (done(value) || TimeProvider.System.GetUtcNow() > deadline)
            {
                return value;
            }

            await Task.Delay(50);
        }
    }
}
