using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Broadcast.Audio.Codec;
using Broadcast.Audio.Ogg;
using Broadcast.Protocol.Control;
using Broadcast.Protocol.Handshake;
using Broadcast.Protocol.Media;
using Broadcast.Tests.Common;

namespace Broadcast.Server.Tests;

/// <summary>
/// Protocol section 10 against the running host: POST /api/endpoints/{id}/revoke while two stand-in endpoints receive
/// a broadcast. The revoked one gets Bye(revoked) and no new key; what is sealed after the switch does not open with
/// what it holds; the other keeps opening every packet; a later Hello from the revoked key gets no Session.
/// </summary>
public sealed class RevocationTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string RevokedId = "BX-BX-01";
    private const string KeptId = "BX-BX-03";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task RevokeViaApi_DuringBroadcast_ByeNoNewKeyPostRevocationMediaUnopenableOtherKeepsPlayingHelloRefused()
    {
        await using var revoked = await FakeEndpoint.ConnectAsync(RevokedId, IPAddress.Parse("127.10.1.1"), server.MqttPort);
        await using var kept = await FakeEndpoint.ConnectAsync(KeptId, IPAddress.Parse("127.10.2.1"), server.MqttPort);
        using var revokedKeys = await revoked.HandshakeAsync(server.InsideKey, server.ControllerPublicKey, Timeout);
        using var keptKeys = await kept.HandshakeAsync(server.OutsideKey, server.ControllerPublicKey, Timeout);
        using var revokedControl = revokedKeys.CreateControlChannel();
        using var keptControl = keptKeys.CreateControlChannel();
        using var revokedOrigin = revokedKeys.CreateOriginAuthenticator();
        using var keptOrigin = keptKeys.CreateOriginAuthenticator();
        revoked.RegisterUdp(revokedControl, server.UdpPort);
        kept.RegisterUdp(keptControl, server.UdpPort);
        await WaitForAsync(async () => await HasMediaRouteAsync(RevokedId) && await HasMediaRouteAsync(KeptId), "both endpoints registered their UDP media socket");

        var file = Path.Combine(server.DataDir, "revocation.opus");
        using (var stream = File.Create(file))
        {
            OggOpusFile.Encode(stream, Signals.SpeechLikeNoise(12.0), new OpusEncoderSettings());
        }

        using var stop = new CancellationTokenSource();
        var revokedPackets = new ConcurrentQueue<(byte[] Packet, DateTimeOffset At)>();
        var keptPackets = new ConcurrentQueue<(byte[] Packet, DateTimeOffset At)>();
        var pumps = new[] { PumpAsync(revoked.Udp, revokedPackets, stop.Token), PumpAsync(kept.Udp, keptPackets, stop.Token) };

        var response = await server.Http.PostAsJsonAsync("/api/broadcasts", new { programme = file, target = $"cluster:{RevokedId},cluster:{KeptId}", priority = "district" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var started = await response.Content.ReadFromJsonAsync<JsonElement>();
        var broadcastId = started.GetProperty("id").GetInt64();
        var channel = started.GetProperty("channel").GetUInt32();
        await WaitForAsync(() => Task.FromResult(revokedPackets.Count >= 50 && keptPackets.Count >= 50), "both endpoints receive media");

        // Both open what they receive before the revocation.
        var revokedReceiver = new MediaReceiver(channel, revokedOrigin);
        var revokedBefore = DrainControl(revoked, revokedControl, revokedReceiver);
        Assert.Equal(new[] { 1u }, revokedBefore.KeyIds);
        Assert.All(revokedPackets.ToArray(), p => Assert.Equal(MediaOpenStatus.Ok, revokedReceiver.TryOpen(p.Packet, new byte[1400], out _, out _)));

        var revokeResponse = await server.Http.PostAsync(new Uri($"/api/endpoints/{RevokedId}/revoke", UriKind.Relative), null);
        var revokedAt = TimeProvider.System.GetUtcNow();
        Assert.Equal(HttpStatusCode.OK, revokeResponse.StatusCode);
        var revokeBody = await revokeResponse.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(revokeBody.GetProperty("applied").GetBoolean());
        Assert.False(revokeBody.GetProperty("alreadyRevoked").GetBoolean());

        // The kept endpoint goes on for 2 s after the revocation: far past the 200 ms key switch.
        await WaitForAsync(() => Task.FromResult(keptPackets.Any(p => p.At > revokedAt + TimeSpan.FromSeconds(2))), "the kept endpoint receives media 2 s after the revocation");
        Assert.Equal(HttpStatusCode.NoContent, (await server.Http.DeleteAsync(new Uri($"/api/broadcasts/{broadcastId}", UriKind.Relative))).StatusCode);
        await stop.CancelAsync();
        await Task.WhenAll(pumps);

        // Revoked endpoint: Bye(revoked), and never a key beyond the one it held.
        var revokedAfter = DrainControl(revoked, revokedControl, revokedReceiver);
        Assert.Contains(ErrorCode.Revoked, revokedAfter.Byes);
        Assert.Empty(revokedAfter.KeyIds);
        // The controller stopped sending to it at once (loopback: only datagrams already in flight may follow).
        var late = revokedPackets.Count(p => p.At > revokedAt + TimeSpan.FromMilliseconds(500));
        Assert.True(late == 0, $"{late} media packets reached the revoked endpoint more than 500 ms after the revocation");

        // Kept endpoint: got the new key (id 2) and opens every packet, across the switch.
        var keptReceiver = new MediaReceiver(channel, keptOrigin);
        var keptControlMessages = DrainControl(kept, keptControl, keptReceiver);
        Assert.Equal(new[] { 1u, 2u }, keptControlMessages.KeyIds);
        Assert.Empty(keptControlMessages.Byes);
        var keptAll = keptPackets.ToArray();
        var keptStatuses = keptAll.Select(p => keptReceiver.TryOpen(p.Packet, new byte[1400], out _, out _)).ToList();
        Assert.All(keptStatuses, s => Assert.Equal(MediaOpenStatus.Ok, s));
        Assert.Equal(2u, keptReceiver.CurrentKeyId);

        // What the channel sealed after the switch (taken from the kept endpoint's stream, re-tagged with the revoked
        // endpoint's own origin key so that only the channel key decides): the revoked endpoint opens none of it.
        var afterSwitch = keptAll.Where(p => p.At > revokedAt + TimeSpan.FromSeconds(1)).Select(p => p.Packet).ToList();
        Assert.True(afterSwitch.Count >= 25, $"only {afterSwitch.Count} packets sealed after the switch");
        var tag = new byte[SecureMediaLayout.OriginTagSize];
        foreach (var packet in afterSwitch)
        {
            var sealedLength = packet.Length - SecureMediaLayout.OriginTagSize;
            var copy = packet.ToArray();
            revokedOrigin.WriteTag(copy.AsSpan(0, sealedLength), tag);
            tag.CopyTo(copy.AsSpan(sealedLength));
            Assert.Equal(MediaOpenStatus.UnknownKey, revokedReceiver.TryOpen(copy, new byte[1400], out _, out _));
            // As delivered (the kept endpoint's tag) it fails too.
            Assert.NotEqual(MediaOpenStatus.Ok, revokedReceiver.TryOpen(packet, new byte[1400], out _, out _));
        }

        // A later Hello from the revoked key: no Session, counted as Revoked, shown offline.
        Assert.True(revoked.Sessions.IsEmpty);
        using (var handshake = new EndpointHandshake(server.InsideKey, server.ControllerPublicKey, TimeProvider.System))
        {
            await revoked.SendHelloAsync(handshake);
        }

        var metrics = await PollAsync(
            () => server.Http.GetFromJsonAsync<JsonElement>("/api/metrics"),
            m => m.GetProperty("handshakesRefused").TryGetProperty("Revoked", out _));
        Assert.True(metrics.GetProperty("handshakesRefused").TryGetProperty("Revoked", out var refused) && refused.GetInt64() >= 1, $"metrics: {metrics}");
        Assert.True(revoked.Sessions.IsEmpty, "the controller answered a revoked key's Hello with a Session");
        var view = await server.Http.GetFromJsonAsync<JsonElement>($"/api/endpoints/{RevokedId}");
        Assert.False(view.GetProperty("online").GetBoolean());
        Assert.Equal(0u, view.GetProperty("playingChannel").GetUInt32());

        // The registry file says so too (a restart keeps it revoked); a second revoke is idempotent.
        var registry = Broadcast.Protocol.Identity.JsonEndpointRegistry.Open(Path.Combine(server.DataDir, "endpoints.json"));
        Assert.True(registry.FindById(RevokedId)!.Revoked);
        Assert.False(registry.FindById(KeptId)!.Revoked);
        var again = await server.Http.PostAsync(new Uri($"/api/endpoints/{RevokedId}/revoke", UriKind.Relative), null);
        var againBody = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(againBody.GetProperty("alreadyRevoked").GetBoolean());
        Assert.False(againBody.GetProperty("applied").GetBoolean());
    }

    [Fact]
    public async Task RevokeViaApi_UnknownEndpoint_404NamingIt()
    {
        var response = await server.Http.PostAsync(new Uri("/api/endpoints/BX-NOPE-9/revoke", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("BX-NOPE-9", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private async Task<bool> HasMediaRouteAsync(string id) =>
        (await server.Http.GetFromJsonAsync<JsonElement>($"/api/endpoints/{id}")).GetProperty("mediaAddress").ValueKind == JsonValueKind.String;

    /// <summary>Opens every queued control envelope; installs channel keys on <paramref name="receiver"/>.</summary>
    private static (List<uint> KeyIds, List<ErrorCode> Byes) DrainControl(FakeEndpoint endpoint, ControlChannel control, MediaReceiver receiver)
    {
        var keyIds = new List<uint>();
        var byes = new List<ErrorCode>();
        var plain = new byte[ControlChannel.MaxPlaintextSize];
        while (endpoint.Commands.TryDequeue(out var envelope))
        {
            if (control.TryOpen(envelope, plain, out var length) != ControlOpenStatus.Ok)
            {
                continue;
            }

            var inner = plain.AsSpan(0, length);
            if (ChannelKeyMessage.TryRead(inner, out var key, out _) && key is not null)
            {
                keyIds.Add(key.KeyId);
                receiver.InstallKey(key.ToChannelKey());
            }
            else if (ByeMessage.TryRead(inner, out var bye, out _))
            {
                byes.Add(bye.Reason);
            }
        }

        return (keyIds, byes);
    }

    private static async Task PumpAsync(Socket socket, ConcurrentQueue<(byte[] Packet, DateTimeOffset At)> packets, CancellationToken cancellationToken)
    {
        var buffer = new byte[2048];
        try
        {
            while (true)
            {
                var length = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
                packets.Enqueue((buffer.AsSpan(0, length).ToArray(), TimeProvider.System.GetUtcNow()));
            }
        }
        catch (OperationCanceledException)
        {
            // Done.
        }
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = TimeProvider.System.GetUtcNow() + Timeout;
        while (!await condition())
        {
            Assert.True(TimeProvider.System.GetUtcNow() < deadline, $"timed out waiting until {what}");
            await Task.Delay(20);
        }
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
