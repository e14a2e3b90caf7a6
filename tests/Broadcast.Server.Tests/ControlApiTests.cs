using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Broadcast.Audio.Codec;
using Broadcast.Audio.Ogg;
using Broadcast.Controller.Broadcasts;
using Broadcast.Controller.Streaming;
using Broadcast.Protocol.Control;
using Broadcast.Protocol.Handshake;
using Broadcast.Protocol.Media;
using Broadcast.Protocol.Rtp;
using Broadcast.Tests.Common;

namespace Broadcast.Server.Tests;

/// <summary>
/// Issue 4, control API: pause, resume and volume against the real host, judged from what one endpoint receives:
/// its Command messages (protocol section 4.4) and its media.
/// </summary>
public sealed class ControlApiTests(ServerFixture server) : IClassFixture<ServerFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private FakeEndpoint _endpoint = null!;
    private SessionKeys _keys = null!;
    private ControlChannel _control = null!;
    private OriginAuthenticator _origin = null!;
    private ControlInbox _inbox = null!;

    public async Task InitializeAsync()
    {
        _endpoint = await FakeEndpoint.ConnectAsync("BX-BX-01", IPAddress.Parse("127.10.1.1"), server.MqttPort);
        _keys = await _endpoint.HandshakeAsync(server.InsideKey, server.ControllerPublicKey, Timeout);
        _control = _keys.CreateControlChannel();
        _origin = _keys.CreateOriginAuthenticator();
        _inbox = new ControlInbox(_endpoint, _control);
        _endpoint.RegisterUdp(_control, server.UdpPort);
        var deadline = TimeProvider.System.GetUtcNow() + Timeout;
        while ((await server.Http.GetFromJsonAsync<JsonElement>("/api/endpoints/BX-BX-01")).GetProperty("mediaAddress").ValueKind != JsonValueKind.String)
        {
            Assert.True(TimeProvider.System.GetUtcNow() < deadline, "BX-BX-01's UDP registration never took");
            await Task.Delay(20);
        }
    }

    public async Task DisposeAsync()
    {
        // Volumes live in the fixture's data directory: the next test starts from the default again.
        (await server.Http.PostAsJsonAsync("/api/volume", new { target = "cluster:BX-BX-01", volume = 80 })).Dispose();
        foreach (var b in (await server.Http.GetFromJsonAsync<JsonElement>("/api/broadcasts")).EnumerateArray())
        {
            await server.Http.DeleteAsync(new Uri($"/api/broadcasts/{b.GetProperty("id").GetInt64()}", UriKind.Relative));
        }

        await _endpoint.DisposeAsync();
        _origin.Dispose();
        _control.Dispose();
        _keys.Dispose();
    }

    [Fact]
    public async Task PauseThenResume_StopThenPlayWithTheSamePlayoutStartAndTheProgrammeCarriesOnFromThePause()
    {
        var file = Programme("pause.opus", seconds: 20);
        var started = await StartAsync(file, "district");
        var channel = started.GetProperty("channel").GetUInt32();
        var id = started.GetProperty("id").GetInt64();
        var play = await _inbox.WaitForAsync<CommandMessage>(c => c.Kind == CommandKind.Play && c.ChannelId == channel, Timeout);
        var receiver = new MediaReceiver(channel, _origin);
        receiver.InstallKey((await _inbox.WaitForAsync<ChannelKeyMessage>(k => k.ChannelId == channel, Timeout)).ToChannelKey());
        var before = Receive(receiver, 60);

        using var paused = await server.Http.PostAsync(new Uri($"/api/broadcasts/{id}/pause", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
        var pausedInfo = await paused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("paused", pausedInfo.GetProperty("state").GetString());
        await _inbox.WaitForAsync<CommandMessage>(c => c.Kind == CommandKind.Stop && c.ChannelId == channel, Timeout);

        // Paused: after what was already on its way, the channel sends nothing, and it keeps its endpoint.
        var inFlight = Drain(TimeSpan.FromMilliseconds(600));
        Assert.True(inFlight.Count < 10, $"{inFlight.Count} packets after the pause");
        Assert.Equal("BX-BX-01", (await server.Http.GetFromJsonAsync<JsonElement>($"/api/broadcasts/{id}")).GetProperty("targets")[0].GetString());
        var refused = await StartAsync(Programme("rival.opus", seconds: 2), "district", HttpStatusCode.Conflict);
        Assert.Contains($"broadcast {id}", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // The position the speakers were at when paused: a playout delay (25 frames) behind the last frame sent.
        var position = pausedInfo.GetProperty("positionSeconds").GetDouble();
        var resumeFrame = (int)Math.Round(position * PacerSchedule.FramesPerSecond);
        var lastSent = inFlight.Count > 0 ? inFlight.Max(p => receiver.TryOpen(p, new byte[1400], out var h, out _) == MediaOpenStatus.Ok ? h.SequenceNumber : 0) : before[^1].Header.SequenceNumber;
        Assert.InRange(lastSent - resumeFrame, 15, 30); // ~25; less when the pacer runs late on a loaded machine

        using var resumed = await server.Http.PostAsync(new Uri($"/api/broadcasts/{id}/resume", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        Assert.Equal("playing", (await resumed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());
        var replay = await _inbox.WaitForAsync<CommandMessage>(c => c.Kind == CommandKind.Play && c.ChannelId == channel && c.CommandId != play.CommandId, Timeout);
        Assert.Equal(play.PlayoutStartNtp, replay.PlayoutStartNtp);

        var after = Receive(receiver, 10);
        var programme = OpusProgramme.Load(file);
        Assert.Equal(programme.Frame(resumeFrame).ToArray(), after[0].Payload);
        Assert.Equal(programme.Frame(resumeFrame + 9).ToArray(), after[9].Payload);

        // The channel's clock ran on while paused: timestamps say when to play, not how much was played.
        var gapFrames = after[0].Header.SequenceNumber - lastSent;
        Assert.True(gapFrames >= 30, $"resumed {gapFrames} frames after the last one before the pause");
        Assert.Equal((uint)(after[0].Header.SequenceNumber * 960), after[0].Header.Timestamp);
    }

    [Fact]
    public async Task Volume_EndpointThenBroadcast_VolumeCommandsCarryTheLevels()
    {
        var started = await StartAsync(Programme("volume.opus", seconds: 20), "district");
        var id = started.GetProperty("id").GetInt64();
        var channel = started.GetProperty("channel").GetUInt32();
        var play = await _inbox.WaitForAsync<CommandMessage>(c => c.Kind == CommandKind.Play && c.ChannelId == channel, Timeout);
        Assert.Equal(80, play.Volume);

        using var set = await server.Http.PostAsJsonAsync("/api/endpoints/BX-BX-01/volume", new { volume = 40 });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var outcome = await set.Content.ReadFromJsonAsync<VolumeOutcome>();
        Assert.Equal(new VolumeOutcome("cluster:BX-BX-01", 40, 1, 1), outcome);
        var command = await _inbox.WaitForAsync<CommandMessage>(c => c.Kind == CommandKind.Volume && c.Volume == 40, Timeout);
        Assert.Equal(channel, command.ChannelId);
        Assert.Contains("\"BX-BX-01\": 40", await File.ReadAllTextAsync(Path.Combine(server.DataDir, EndpointVolumes.FileName)), StringComparison.Ordinal);
        var listed = await server.Http.GetFromJsonAsync<JsonElement>("/api/volume");
        Assert.Equal(40, listed.GetProperty("endpoints").GetProperty("BX-BX-01").GetInt32());
        Assert.Equal(100, listed.GetProperty("emergencyVolume").GetInt32());

        // A volume set on the broadcast wins over the endpoint's own until it ends.
        using var broadcastVolume = await server.Http.PostAsJsonAsync($"/api/broadcasts/{id}/volume", new { volume = 55 });
        Assert.Equal(55, (await broadcastVolume.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("volume").GetInt32());
        await _inbox.WaitForAsync<CommandMessage>(c => c.Kind == CommandKind.Volume && c.Volume == 55 && c.ChannelId == channel, Timeout);
        using var group = await server.Http.PostAsJsonAsync("/api/volume", new { target = "hamlet:thi-tran-bat-xat-01", volume = 30 });
        Assert.Equal(HttpStatusCode.OK, group.StatusCode);
        var groupOutcome = await group.Content.ReadFromJsonAsync<VolumeOutcome>();
        Assert.True(groupOutcome!.Endpoints >= 1);
        Assert.Equal(0, groupOutcome.AppliedNow);

        // The next broadcast on the endpoint plays at its own volume again.
        Assert.Equal(HttpStatusCode.NoContent, (await server.Http.DeleteAsync(new Uri($"/api/broadcasts/{id}", UriKind.Relative))).StatusCode);
        var next = await StartAsync(Programme("next.opus", seconds: 2), "commune");
        var nextPlay = await _inbox.WaitForAsync<CommandMessage>(c => c.Kind == CommandKind.Play && c.ChannelId == next.GetProperty("channel").GetUInt32(), Timeout);
        Assert.Equal(30, nextPlay.Volume);
    }

    [Fact]
    public async Task Emergency_PlaysAtTheEmergencyVolumeWhateverTheEndpointIsSetTo()
    {
        using var set = await server.Http.PostAsJsonAsync("/api/volume", new { target = "cluster:BX-BX-01", volume = 20 });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);

        await EmergencyAccess.GrantAsync(server.Http);
        var emergency = await StartAsync(Programme("flood.opus", seconds: 2), "emergency");
        var channel = emergency.GetProperty("channel").GetUInt32();
        var play = await _inbox.WaitForAsync<CommandMessage>(c => c.Kind == CommandKind.Play && c.ChannelId == channel, Timeout);

        Assert.Equal(100, play.Volume);
        Assert.Equal((byte)BroadcastPriority.Emergency, play.Priority);
    }

    [Theory]
    [InlineData("/api/endpoints/BX-BX-01/volume", "{\"volume\": 101}", HttpStatusCode.BadRequest, "\"volume\" must be a whole number from 0 to 100")]
    [InlineData("/api/endpoints/BX-BX-01/volume", "{}", HttpStatusCode.BadRequest, "got nothing")]
    [InlineData("/api/endpoints/NO-SUCH-01/volume", "{\"volume\": 50}", HttpStatusCode.NotFound, "unknown endpoint 'NO-SUCH-01'")]
    [InlineData("/api/volume", "{\"target\": \"commune:Atlantis\", \"volume\": 50}", HttpStatusCode.BadRequest, "commune:Atlantis")]
    [InlineData("/api/broadcasts/999999/pause", "", HttpStatusCode.NotFound, "no active broadcast 999999")]
    [InlineData("/api/broadcasts/999999/resume", "", HttpStatusCode.NotFound, "no active broadcast 999999")]
    [InlineData("/api/broadcasts", "{\"live\": \"news.mp3\", \"target\": \"all\"}", HttpStatusCode.BadRequest, "is not a live source")]
    [InlineData("/api/broadcasts", "{\"live\": \"http://studio/x\", \"programme\": \"a.opus\", \"target\": \"all\"}", HttpStatusCode.BadRequest, "not both")]
    public async Task BadRequests_ProblemNamesWhatIsWrong(string path, string body, HttpStatusCode status, string expected)
    {
        using var content = body.Length == 0 ? null : new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await server.Http.PostAsync(new Uri(path, UriKind.Relative), content);

        Assert.Equal(status, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(expected, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private string Programme(string name, double seconds)
    {
        var file = Path.Combine(server.DataDir, name);
        using var stream = File.Create(file);
        OggOpusFile.Encode(stream, Signals.SpeechLikeNoise(seconds), new OpusEncoderSettings());
        return file;
    }

    private async Task<JsonElement> StartAsync(string programme, string priority, HttpStatusCode expected = HttpStatusCode.Created)
    {
        using var response = await server.Http.PostAsJsonAsync("/api/broadcasts", new { programme, target = "cluster:BX-BX-01", priority });
        Assert.Equal(expected, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private List<(RtpHeader Header, byte[] Payload)> Receive(MediaReceiver receiver, int count)
    {
        var packets = new List<(RtpHeader, byte[])>();
        var buffer = new byte[2048];
        var payload = new byte[1400];
        _endpoint.Udp.ReceiveTimeout = (int)Timeout.TotalMilliseconds;
        while (packets.Count < count)
        {
            var length = _endpoint.Udp.Receive(buffer);
            Assert.Equal(MediaOpenStatus.Ok, receiver.TryOpen(buffer.AsSpan(0, length), payload, out var header, out var payloadLength));
            packets.Add((header, payload[..payloadLength]));
        }

        return packets;
    }

    /// <summary>The packets that arrive until none does for <paramref name="quiet"/> (at most 100: a channel that never pauses).</summary>
    private List<byte[]> Drain(TimeSpan quiet)
    {
        var packets = new List<byte[]>();
        var buffer = new byte[2048];
        _endpoint.Udp.ReceiveTimeout = (int)quiet.TotalMilliseconds;
        try
        {
            while (packets.Count < 100)
            {
                var length = _endpoint.Udp.Receive(buffer);
                packets.Add(buffer[..length]);
            }
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.TimedOut)
        {
        }

        return packets;
    }
}
