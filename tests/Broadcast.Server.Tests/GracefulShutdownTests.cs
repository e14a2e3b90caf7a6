using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Broadcast.Audio.Codec;
using Broadcast.Audio.Ogg;
using Broadcast.Protocol.Control;
using Broadcast.Tests.Common;

namespace Broadcast.Server.Tests;

/// <summary>Issue 4, host: "graceful shutdown stops streams cleanly and tells endpoints" (protocol sections 11.2 and 12).</summary>
public sealed class GracefulShutdownTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task HostStop_MembersGetStopThenEveryEndpointGetsByeShutdown()
    {
        var server = new ServerFixture();
        FakeEndpoint? member = null;
        FakeEndpoint? idle = null;
        var stopped = false;
        try
        {
            await server.InitializeAsync();
            member = await FakeEndpoint.ConnectAsync("BX-BX-01", IPAddress.Parse("127.10.1.1"), server.MqttPort);
            using var memberKeys = await member.HandshakeAsync(server.InsideKey, server.ControllerPublicKey, Timeout);
            using var memberControl = memberKeys.CreateControlChannel();
            member.RegisterUdp(memberControl, server.UdpPort);
            idle = await FakeEndpoint.ConnectAsync("BX-BX-03", IPAddress.Parse("127.10.2.1"), server.MqttPort);
            using var idleKeys = await idle.HandshakeAsync(server.OutsideKey, server.ControllerPublicKey, Timeout);
            using var idleControl = idleKeys.CreateControlChannel();
            var memberInbox = new ControlInbox(member, memberControl);
            var idleInbox = new ControlInbox(idle, idleControl);
            await WaitForRouteAsync(server);

            var file = Path.Combine(server.DataDir, "long.opus");
            using (var stream = File.Create(file))
            {
                OggOpusFile.Encode(stream, Signals.SpeechLikeNoise(30), new OpusEncoderSettings());
            }

            using var response = await server.Http.PostAsJsonAsync("/api/broadcasts", new { programme = file, target = "cluster:BX-BX-01" });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var channel = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("channel").GetUInt32();
            member.Udp.ReceiveTimeout = (int)Timeout.TotalMilliseconds;
            member.Udp.Receive(new byte[2048]); // media flows: the broadcast is really on

            await server.DisposeAsync(); // stops the host the way Ctrl-C does
            stopped = true;

            // The member: Play, then Stop of the channel, then Bye(Shutdown), in that order.
            var messages = memberInbox.Messages;
            var play = messages.FindIndex(m => m is CommandMessage { Kind: CommandKind.Play } c && c.ChannelId == channel);
            var stop = messages.FindIndex(m => m is CommandMessage { Kind: CommandKind.Stop } c && c.ChannelId == channel);
            var bye = messages.FindIndex(m => m is ByeMessage { Reason: ErrorCode.Shutdown });
            Assert.True(play >= 0 && stop > play && bye > stop, $"member received: {string.Join(", ", messages)}");

            // The endpoint that played nothing: only the Bye.
            var idleMessages = idleInbox.Messages;
            Assert.Contains(idleMessages, m => m is ByeMessage { Reason: ErrorCode.Shutdown });
            Assert.DoesNotContain(idleMessages, m => m is CommandMessage);
        }
        finally
        {
            if (!stopped)
            {
                await server.DisposeAsync();
            }

            server.Dispose();
            await DisconnectAsync(member);
            await DisconnectAsync(idle);
        }
    }

    private static async Task WaitForRouteAsync(ServerFixture server)
    {
        var deadline = TimeProvider.System.GetUtcNow() + Timeout;
        while ((await server.Http.GetFromJsonAsync<JsonElement>("/api/endpoints/BX-BX-01")).GetProperty("mediaAddress").ValueKind != JsonValueKind.String)
        {
            Assert.True(TimeProvider.System.GetUtcNow() < deadline, "BX-BX-01's UDP registration never took");
            await Task.Delay(20);
        }
    }

    /// <summary>The broker is gone with the host: the client's goodbye has nobody to go to.</summary>
    private static async Task DisconnectAsync(FakeEndpoint? endpoint)
    {
        if (endpoint is null)
        {
            return;
        }

        try
        {
            await endpoint.DisposeAsync();
        }
        catch (MQTTnet.Exceptions.MqttCommunicationException)
        {
            // Expected without a broker; the socket and the client are released all the same.
        }
    }
}
