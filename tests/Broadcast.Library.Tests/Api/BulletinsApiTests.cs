using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Broadcast.Library.Tests.Api;

public sealed class BulletinsApiTests(BulletinApiHost host) : IClassFixture<BulletinApiHost>
{
    private static int s_tone = 500;

    [Fact]
    public async Task Workflow_SubmitThenFourEyesThenApproveThenApproveAgain()
    {
        var id = await UploadAsync("bien-tap", commune: "Y Tý");

        using var submitted = await SendAsync(HttpMethod.Post, "/api/bulletins", "bien-tap", body: new { programmeId = id });
        using var own = await SendAsync(HttpMethod.Post, $"/api/bulletins/{id}/approve", "bien-tap", approves: "district", body: new { });
        using var approved = await SendAsync(HttpMethod.Post, $"/api/bulletins/{id}/approve", "duyet", approves: "y-ty", body: new { note = "đã nghe" });
        using var again = await SendAsync(HttpMethod.Post, $"/api/bulletins/{id}/approve", "duyet-2", approves: "district");

        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        var view = await Json(submitted);
        Assert.Equal(("submitted", "bien-tap", id, "commune:Y Tý"), (Text(view, "status"), Text(view, "submittedBy"), Text(view, "programmeId"), Text(view, "target")));
        Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        Assert.StartsWith("four-eyes rule: bien-tap submitted", Text(await Json(own), "detail"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal(("approved", "duyet"), (Text(await Json(approved), "status"), Text(await Json(approved), "approvedBy")));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var conflict = await Json(again);
        Assert.Equal(("conflict", "approved"), (Text(conflict, "refusal"), Text(conflict, "state")));
        Assert.Contains($"programme {id} 'Bản tin' is approved: it was already approved by duyet", Text(conflict, "detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reject_WithoutReason400_WithReasonShownToTheEditor()
    {
        var id = await SubmittedAsync();

        using var missing = await SendAsync(HttpMethod.Post, $"/api/bulletins/{id}/reject", "duyet", approves: "district", body: new { });
        using var rejected = await SendAsync(HttpMethod.Post, $"/api/bulletins/{id}/reject", "duyet", approves: "district", body: new { reason = "sai ngày" });
        var shown = await Json(await SendAsync(HttpMethod.Get, $"/api/bulletins/{id}", "bien-tap"));

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal("reason", Text(await Json(missing), "field"));
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        Assert.Equal(("rejected", "sai ngày", "duyet"), (Text(shown, "status"), Text(shown, "reason"), Text(shown, "rejectedBy")));
    }

    [Fact]
    public async Task Approve_CommuneApproverOfAnotherCommune_403()
    {
        var id = await SubmittedAsync(commune: "Trịnh Tường");

        using var response = await SendAsync(HttpMethod.Post, $"/api/bulletins/{id}/approve", "duyet-yty", approves: "y-ty");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(("forbidden", "submitted"), (Text(await Json(response), "refusal"), Text(await Json(response), "state")));
        Assert.Equal("submitted", Text(await Json(await SendAsync(HttpMethod.Get, $"/api/bulletins/{id}", "x")), "status"));
    }

    [Fact]
    public async Task Submit_CommuneEditorOfAnotherCommune_403FromTheServersScope()
    {
        var id = await UploadAsync("bien-tap", commune: "Trịnh Tường");

        using var response = await SendAsync(HttpMethod.Post, $"/api/bulletins/{id}/submit", "editor-yty");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("editor-yty may not change items of Trịnh Tường", Text(await Json(response), "detail"));
    }

    [Fact]
    public async Task Patch_ApprovedTitle_BackToSubmitted()
    {
        var id = await SubmittedAsync();
        (await SendAsync(HttpMethod.Post, $"/api/bulletins/{id}/approve", "duyet", approves: "district")).Dispose();

        using var response = await SendAsync(HttpMethod.Patch, $"/api/bulletins/{id}", "bien-tap", body: new { title = "Bản tin (sửa)" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var view = await Json(response);
        Assert.Equal(("submitted", "Bản tin (sửa)", "bien-tap"), (Text(view, "status"), Text(view, "title"), Text(view, "editedBy")));
    }

    [Fact]
    public async Task PutAudio_Approved_NewRecordingBackToSubmitted()
    {
        var id = await SubmittedAsync();
        (await SendAsync(HttpMethod.Post, $"/api/bulletins/{id}/approve", "duyet", approves: "district")).Dispose();
        var before = await Json(await SendAsync(HttpMethod.Get, $"/api/programmes/{id}", "x"));

        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(await File.ReadAllBytesAsync(host.Wav("new-audio.wav", 0.8, 880)));
        file.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        form.Add(file, "file", "new-audio.wav");
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/bulletins/{id}/audio") { Content = form };
        request.Headers.Add("X-User", "bien-tap");
        using var response = await host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var view = await Json(response);
        Assert.Equal(("submitted", id), (Text(view, "status"), Text(view, "id")));
        Assert.InRange(view["durationSeconds"]!.GetValue<double>(), 0.75, 0.85);
        var after = await Json(await SendAsync(HttpMethod.Get, $"/api/programmes/{id}", "x"));
        Assert.NotEqual(Text(before, "contentHash"), Text(after, "contentHash"));
        Assert.Equal("submitted", Text(after, "state"));
    }

    [Fact]
    public async Task List_StatusFilterAndPages()
    {
        var ids = new[] { await SubmittedAsync(title: "Danh sách listtest"), await SubmittedAsync(title: "Danh sách listtest"), await SubmittedAsync(title: "Danh sách listtest") };
        var draft = await UploadAsync("bien-tap", title: "Danh sách listtest");

        var first = await Json(await SendAsync(HttpMethod.Get, "/api/bulletins?status=submitted&q=listtest&pageSize=2", "x"));
        var second = await Json(await SendAsync(HttpMethod.Get, "/api/bulletins?status=submitted&q=listtest&pageSize=2&page=2", "x"));
        var drafts = await Json(await SendAsync(HttpMethod.Get, "/api/bulletins?status=draft&q=listtest", "x"));

        Assert.Equal((3, 3), (first["total"]!.GetValue<int>(), second["total"]!.GetValue<int>()));
        Assert.Equal((2, 1), (first["items"]!.AsArray().Count, second["items"]!.AsArray().Count));
        Assert.Equal(ids.Order(), first["items"]!.AsArray().Concat(second["items"]!.AsArray()).Select(i => Text(i!, "id")).Order());
        Assert.All(first["items"]!.AsArray(), i => Assert.Equal("submitted", Text(i!, "status")));
        Assert.Equal([draft], drafts["items"]!.AsArray().Select(i => Text(i!, "id")));
    }

    [Fact]
    public async Task List_UnknownStatus_400ListingTheStatuses()
    {
        using var response = await SendAsync(HttpMethod.Get, "/api/bulletins?status=pending", "x");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("status: unknown status 'pending'; use one of draft, submitted, approved, rejected, scheduled, aired", Text(await Json(response), "detail"));
    }

    [Fact]
    public async Task Get_Unknown_404()
    {
        using var response = await SendAsync(HttpMethod.Get, "/api/bulletins/0123456789ab", "x");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Tts_Text_201DraftWithTheTextAndPlayableAudio()
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/bulletins/tts", "editor-yty", body: new { title = "Mất điện", text = "Thông báo: chiều nay mất điện từ hai giờ đến năm giờ.", commune = "Y Tý" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var view = await Json(response);
        Assert.Equal(("draft", "vi", "editor-yty"), (Text(view, "status"), Text(view, "voice"), Text(view, "createdBy")));
        Assert.Equal("Thông báo: chiều nay mất điện từ hai giờ đến năm giờ.", Text(view, "text"));
        Assert.True(view["durationSeconds"]!.GetValue<double>() > 1);
        using var audio = await host.Http.GetAsync(Text(view, "audioUrl"));
        Assert.Equal("audio/ogg", audio.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Tts_ConsoleAliasAndSubmitThroughPostBulletins()
    {
        using var alias = await SendAsync(HttpMethod.Post, "/api/tts", "van-hanh", body: new { title = "Khẩn", text = "Nước lũ đang lên, di chuyển lên chỗ cao.", category = "emergency", voice = "vi" });
        using var submitted = await SendAsync(HttpMethod.Post, "/api/bulletins", "bien-tap", body: new { title = "Họp", text = "Tối nay họp thôn lúc bảy giờ.", commune = "Trịnh Tường" });

        Assert.Equal(HttpStatusCode.Created, alias.StatusCode);
        Assert.Equal(("draft", "emergency"), (Text(await Json(alias), "status"), Text(await Json(alias), "category")));
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        Assert.Equal("submitted", Text(await Json(submitted), "status"));
    }

    [Fact]
    public async Task Tts_CommuneEditorForAnotherCommune_403BeforeAnythingIsRead()
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/bulletins/tts", "editor-yty", body: new { title = "T", text = "Xin chào.", commune = "Trịnh Tường" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("editor-yty may not make items of Trịnh Tường", Text(await Json(response), "detail"));
    }

    [Fact]
    public async Task Tts_TextTooLong_400NamingTheField()
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/bulletins/tts", "x", body: new { title = "T", text = new string('a', 5001) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(("invalid-field", "text"), (Text(await Json(response), "refusal"), Text(await Json(response), "field")));
    }

    private async Task<string> UploadAsync(string user, string? commune = null, string title = "Bản tin")
    {
        var tone = Interlocked.Add(ref s_tone, 7);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(title), "title" },
        };
        if (commune is not null)
        {
            form.Add(new StringContent(commune), "commune");
        }

        var file = new ByteArrayContent(await File.ReadAllBytesAsync(host.Wav($"t{tone}.wav", 0.3, tone)));
        form.Add(file, "file", $"t{tone}.wav");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/programmes") { Content = form };
        request.Headers.Add("X-User", user);
        using var response = await host.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return Text(await Json(response), "id");
    }

    private async Task<string> SubmittedAsync(string? commune = null, string title = "Bản tin")
    {
        var id = await UploadAsync("bien-tap", commune, title);
        using var response = await SendAsync(HttpMethod.Post, $"/api/bulletins/{id}/submit", "bien-tap");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return id;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string user, string? approves = null, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-User", user);
        if (approves is not null)
        {
            request.Headers.Add("X-Approves", approves);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await host.Http.SendAsync(request);
    }

    private static async Task<JsonNode> Json(HttpResponseMessage response) => JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    private static string Text(JsonNode node, string name) => node[name]?.GetValue<string>() ?? throw new Xunit.Sdk.XunitException($"no '{name}' in {node.ToJsonString()}");
}
