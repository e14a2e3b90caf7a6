using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Broadcast.Tests.Common;

namespace Broadcast.Library.Tests.Api;

public sealed class ProgrammesApiTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task Post_NewThenSameBytes_201ThenDuplicate200WithTheSameId()
    {
        var wav = host.Wav("new.wav", 0.5, 310);

        using var first = await PostAsync(wav, ("title", "Bản tin sáng"), ("category", "news"));
        using var second = await PostAsync(wav, ("title", "Another title"));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var created = await Json(first);
        var id = created["id"]!.GetValue<string>();
        Assert.Equal($"/api/programmes/{id}", first.Headers.Location?.OriginalString);
        Assert.False(created["duplicate"]!.GetValue<bool>());
        Assert.Equal($"/api/programmes/{id}/audio", created["audioUrl"]!.GetValue<string>());
        Assert.InRange(created["durationSeconds"]!.GetValue<double>(), 0.48, 0.52);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var duplicate = await Json(second);
        Assert.True(duplicate["duplicate"]!.GetValue<bool>());
        Assert.Equal((id, "Bản tin sáng"), (duplicate["id"]!.GetValue<string>(), duplicate["title"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Post_NotAudio_400WithTheIngestErrorNamingTheFile()
    {
        var path = host.File("tin tức.mp3");
        RandomFiles.WriteRandom(path, 30_000);

        using var response = await PostAsync(path, ("title", "Noise"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await Json(response);
        Assert.Equal(("not-audio", "file"), (problem["refusal"]!.GetValue<string>(), problem["field"]!.GetValue<string>()));
        Assert.StartsWith("tin tức.mp3: ", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(host.Audit.Entries, e => e.Result == "refused" && e.Detail == problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Post_UnknownCategory_400NamingTheField()
    {
        using var response = await PostAsync(host.Wav("c.wav", 0.5, 320), ("title", "T"), ("category", "sport"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await Json(response);
        Assert.Equal("category", problem["field"]!.GetValue<string>());
        Assert.StartsWith("category: unknown category 'sport'", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_CommuneOutsideScope_403()
    {
        using var response = await PostAsync(host.Wav("scope.wav", 0.5, 325), ("title", "T"), ("commune", "Y Tý"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await Json(response);
        Assert.Equal(("forbidden", "commune"), (problem["refusal"]!.GetValue<string>(), problem["field"]!.GetValue<string>()));
        Assert.Equal("api-tester may not upload for Y Tý", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Post_FileJustOverTheLimit_413()
    {
        // 4.5 s of 16-bit mono is 432 kB: over the 400 kB limit, inside the request allowance for form overhead.
        using var response = await PostAsync(host.Wav("long.wav", 4.5, 330), ("title", "Long"));

        await AssertTooLarge(response);
        // Refused by the store while receiving the file part, so the audit names the file.
        Assert.Contains(host.Audit.Entries, e => e.Subject == "long.wav" && e.Result == "refused");
    }

    [Fact]
    public async Task Post_BodyFarOverTheLimit_413FromTheServerLimit()
    {
        using var response = await PostAsync(host.Wav("longer.wav", 8, 340), ("title", "Longer"));

        await AssertTooLarge(response);
        // Refused by Kestrel on the declared Content-Length before any part was read: no file name is known yet.
        Assert.Contains(host.Audit.Entries, e => e.Subject == "upload" && e.Result == "refused" && e.Detail!.Contains("400,000 bytes", StringComparison.Ordinal));
        Assert.DoesNotContain(host.Audit.Entries, e => e.Subject == "longer.wav");
    }

    [Fact]
    public async Task GetAudio_WholeAndRange_OggOpusWithPartialContent()
    {
        var id = await UploadAsync(host.Wav("audio.wav", 0.5, 350), "Audio");

        using var whole = await host.Http.GetAsync($"/api/programmes/{id}/audio");
        using var range = new HttpRequestMessage(HttpMethod.Get, $"/api/programmes/{id}/audio");
        range.Headers.Range = new RangeHeaderValue(0, 3);
        using var partial = await host.Http.SendAsync(range);

        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        Assert.Equal("audio/ogg", whole.Content.Headers.ContentType?.MediaType);
        var bytes = await whole.Content.ReadAsByteArrayAsync();
        var meta = await Json(await host.Http.GetAsync($"/api/programmes/{id}"));
        Assert.Equal(meta["sizeBytes"]!.GetValue<long>(), bytes.Length);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal("OggS"u8.ToArray(), await partial.Content.ReadAsByteArrayAsync());
        Assert.Equal(bytes.Length, partial.Content.Headers.ContentRange?.Length);
    }

    [Fact]
    public async Task Get_List_SearchesFoldedTitleAndRejectsBadPageSize()
    {
        var id = await UploadAsync(host.Wav("list.wav", 0.5, 360), "Phòng chống dịch sốt xuất huyết", category: "health");

        var list = await Json(await host.Http.GetAsync("/api/programmes?q=sot+xuat+huyet&category=health"));
        using var bad = await host.Http.GetAsync("/api/programmes?pageSize=1000");

        Assert.Equal([id], list["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()));
        Assert.Equal(1, list["total"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.StartsWith("pageSize:", (await Json(bad))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_UnknownId_404Problem()
    {
        using var response = await host.Http.GetAsync("/api/programmes/0123456789ab");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Delete_InUseThenFree_409NamingTheScheduleThen204Then404()
    {
        var id = await UploadAsync(host.Wav("del.wav", 0.5, 370), "To delete");
        host.Usage.Uses[id] = "schedule 7 'Tin sáng' next at 2026-11-25 05:30";

        using var refused = await host.Http.DeleteAsync($"/api/programmes/{id}");
        host.Usage.Uses.Remove(id);
        using var deleted = await host.Http.DeleteAsync($"/api/programmes/{id}");
        using var gone = await host.Http.GetAsync($"/api/programmes/{id}");

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await Json(refused);
        Assert.Contains("schedule 7 'Tin sáng'", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("schedule 7 'Tin sáng' next at 2026-11-25 05:30", problem["schedule"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Contains(host.Audit.Entries, e => e.Subject == id && e.Action == "programme.delete" && e.Result == "ok" && e.Actor == "api-tester");
    }

    private static async Task AssertTooLarge(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await Json(response);
        Assert.Equal("too-large", problem["refusal"]!.GetValue<string>());
        Assert.Contains("larger than the limit of 400,000 bytes", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private async Task<string> UploadAsync(string path, string title, string category = "news")
    {
        using var response = await PostAsync(path, ("title", title), ("category", category));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await Json(response))["id"]!.GetValue<string>();
    }

    private async Task<HttpResponseMessage> PostAsync(string path, params (string Name, string Value)[] fields)
    {
        using var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        form.Add(new StreamContent(System.IO.File.OpenRead(path)), "file", Path.GetFileName(path));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/programmes") { Content = form };
        // As bcast upload sends it: the server can refuse before the body is on the wire.
        request.Headers.ExpectContinue = true;
        return await host.Http.SendAsync(request);
    }

    private static async Task<JsonNode> Json(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("empty body");
}
