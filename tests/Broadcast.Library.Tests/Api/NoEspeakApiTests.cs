using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Broadcast.Library.Tests.Api;

public sealed class NoEspeakApiTests(NoEspeakApiHost host) : IClassFixture<NoEspeakApiHost>
{
    [Fact]
    public async Task Tts_EspeakMissing_503SayingWhatToInstall()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/bulletins/tts") { Content = JsonContent.Create(new { title = "T", text = "Xin chào bà con." }) };
        request.Headers.Add("X-User", "bien-tap");

        using var response = await host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("tts-unavailable", problem["refusal"]!.GetValue<string>());
        Assert.Contains("cannot run '/nonexistent/espeak-ng'", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("install the Debian package espeak-ng", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        using var list = await host.Http.GetAsync("/api/bulletins");
        Assert.Equal(0, JsonNode.Parse(await list.Content.ReadAsStringAsync())!["total"]!.GetValue<int>());
    }
}
