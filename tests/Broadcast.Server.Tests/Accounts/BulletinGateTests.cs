using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Broadcast.Tests.Common;

namespace Broadcast.Server.Tests.Accounts;

/// <summary>
/// The approval gate through the real host with accounts: nothing unapproved airs, is queued or scheduled; an
/// emergency may use it and flags it; commune scope holds on the workflow routes. Needs the call-site patch
/// (bulletins-callsites.patch) and the /api/bulletins/{} resource lookup.
/// </summary>
[Collection(AccountsHostCollection.Name)]
public sealed class BulletinGateTests(AccountsHostFixture host)
{
    [Fact]
    public async Task Draft_RefusedOnAirInTheQueueAndInSchedules()
    {
        using var op = host.ClientAs("operator");
        var id = await UploadAsync(host.ClientAs("editor"), "Y Tý", 431);

        var (play, playText) = await SendAsync(op, HttpMethod.Post, "/api/broadcasts", new { programme = id, target = "all", priority = "district" });
        var (schedule, scheduleText) = await SendAsync(op, HttpMethod.Post, "/api/schedules", new { name = "x", programmes = new[] { id }, target = "all", priority = "district", kind = "daily", times = new[] { "05:30" } });
        var (queue, _) = await SendAsync(op, HttpMethod.Post, "/api/queue", new { target = "all", programme = id, priority = "district" });

        Assert.Equal(HttpStatusCode.BadRequest, play);
        Assert.Contains($"programme {id} 'Bản tin' is a draft", playText, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, schedule);
        Assert.Contains("is a draft", scheduleText, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, queue);
    }

    [Fact]
    public async Task CommuneApprover_ApprovesOwnCommuneThenItAirs_OtherCommune403()
    {
        using var editor = host.ClientAs("editor");
        using var communeApprover = host.ClientAs("commune-approver");
        var id = await UploadAsync(editor, "Y Tý", 433);
        var other = await UploadAsync(host.ClientAs("admin"), "Trịnh Tường", 437);

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(editor, HttpMethod.Post, $"/api/bulletins/{id}/submit")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(editor, HttpMethod.Post, $"/api/bulletins/{other}/submit")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(communeApprover, HttpMethod.Post, $"/api/bulletins/{other}/approve")).Status);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(communeApprover, HttpMethod.Post, $"/api/bulletins/{id}/approve")).Status);
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(host.ClientAs("operator"), HttpMethod.Post, "/api/broadcasts", new { programme = id, target = "all", priority = "district" })).Status);
    }

    [Fact]
    public async Task Emergency_UnapprovedTextToSpeech_AirsAndIsFlaggedForReview()
    {
        using var emergency = host.ClientAs("emergency-operator");
        var (_, made) = await SendAsync(emergency, HttpMethod.Post, "/api/tts", new { title = "Lũ", text = "Nước lũ đang lên, di chuyển lên chỗ cao ngay.", category = "emergency" });
        var id = JsonNode.Parse(made)!["id"]!.GetValue<string>();

        var (play, _) = await SendAsync(emergency, HttpMethod.Post, "/api/broadcasts", new { programme = id, target = "all", priority = "emergency" });
        var shown = JsonNode.Parse((await SendAsync(host.ClientAs("approver"), HttpMethod.Get, $"/api/bulletins/{id}")).Text)!;

        Assert.Equal(HttpStatusCode.Created, play);
        Assert.True(shown["flaggedForReview"]!.GetValue<bool>());
        Assert.Equal(("submitted", "emergency-operator"), (shown["status"]!.GetValue<string>(), shown["flaggedBy"]!.GetValue<string>()));
    }

    private static async Task<(HttpStatusCode Status, string Text)> SendAsync(HttpClient client, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<string> UploadAsync(HttpClient client, string commune, int tone)
    {
        using var dir = new TempDirectory();
        var wav = dir.File("a.wav");
        Signals.WriteWav16(wav, Signals.Sine(tone, -20, 0.5));
        using var form = new MultipartFormDataContent { { new StringContent("Bản tin"), "title" }, { new StringContent(commune), "commune" } };
        form.Add(new ByteArrayContent(await File.ReadAllBytesAsync(wav)), "file", "a.wav");
        using var response = await client.PostAsync(new Uri("/api/programmes", UriKind.Relative), form);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonNode.Parse(text)!["id"]!.GetValue<string>();
    }
}
