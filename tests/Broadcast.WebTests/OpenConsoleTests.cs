using System.Text.Json;
using Broadcast.WebTests.Browser;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Broadcast.WebTests;

/// <summary>The console against a controller without accounts (Development loopback) and without the optional APIs.</summary>
public sealed class OpenConsoleTests(OpenConsoleFixture open, ITestOutputHelper output) : IClassFixture<OpenConsoleFixture>
{
    [Fact]
    public async Task WithoutAccounts_ConsoleSkipsLoginAndFollowsTheEventStream()
    {
        await using var console = await ConsolePage.OpenAsync(open.Chromium, open.Host.Address, output);
        var page = console.Page;
        await page.GotoAsync("/");
        await Expect(page.Locator("[data-nav=dashboard]")).ToHaveAttributeAsync("aria-current", "page");
        await Expect(page.GetByTestId("user")).ToHaveTextAsync("Chưa bật tài khoản (chỉ truy cập nội bộ)");
        await Expect(page.Locator("#logout")).ToBeHiddenAsync();
        await Expect(page.Locator("#live-dot")).ToHaveAttributeAsync("data-mode", "sse");
        // Names come from the district event: every commune of the topology, by its Vietnamese name.
        await Expect(page.Locator("details.commune")).ToHaveCountAsync(22);
        await Expect(page.Locator("details.commune[data-commune=y-ty] summary .name")).ToHaveTextAsync("Y Tý");
        console.AssertNoScriptErrors();
    }

    /// <summary>An older controller without the bulletin and text-to-speech routes (simulated by answering them 404 as routing does).</summary>
    [Fact]
    public async Task OlderController_WithoutBulletinsOrTts_PagesSayNotAvailableInsteadOfFailing()
    {
        await using var console = await ConsolePage.OpenAsync(open.Chromium, open.Host.Address, output);
        var page = console.Page;
        await page.RouteAsync("**/api/bulletins**", route => route.FulfillAsync(new() { Status = 404, ContentType = "application/problem+json", Body = """{"title":"Not Found","status":404}""" }));
        await page.RouteAsync("**/api/tts", route => route.FulfillAsync(new() { Status = 404, ContentType = "application/problem+json", Body = """{"title":"Not Found","status":404}""" }));

        await page.GotoAsync("/#/bulletins");
        await Expect(page.GetByTestId("bulletins-unavailable")).ToContainTextAsync("chưa có");
        await Expect(page.GetByTestId("bulletin-list")).ToHaveCountAsync(0);

        await page.GotoAsync("/#/emergency");
        await page.GetByTestId("emergency-tts-text").FillAsync("Nước sông đang lên nhanh.");
        await page.GetByTestId("emergency-tts").ClickAsync();
        await Expect(page.GetByTestId("emergency-tts-message").Locator(".notice.warn")).ToContainTextAsync("chưa có");
        await Expect(page.GetByTestId("emergency-chosen")).ToHaveTextAsync("");
        console.AssertNoScriptErrors();
    }

    [Fact]
    public async Task EventStream_SendsDistrictThenEndpointsAndBroadcastsOnConnect()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(open.Host.Address, "/api/events"));
        using var response = await open.Host.Admin.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        await using var stream = await response.Content.ReadAsStreamAsync();
        using var reader = new StreamReader(stream);
        var events = new Dictionary<string, JsonElement>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        string? name = null;
        while (events.Count < 3 && await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && name is not null)
            {
                events[name] = JsonDocument.Parse(line[6..]).RootElement.Clone();
            }
        }

        var district = events["district"];
        Assert.Equal("Bát Xát", district.GetProperty("name").GetString());
        var communes = district.GetProperty("communes").EnumerateArray().ToList();
        Assert.Equal(22, communes.Count);
        var clusterIds = communes.SelectMany(c => c.GetProperty("hamlets").EnumerateArray()).SelectMany(h => h.GetProperty("clusters").EnumerateArray()).Select(c => c.GetString()).ToList();

        // The endpoints event lists every cluster of the district, all offline here (nothing is simulated).
        var endpoints = events["endpoints"].GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(clusterIds.Order(), endpoints.Select(e => e.GetProperty("id").GetString()).Order());
        Assert.All(endpoints, e => Assert.Equal("offline", e.GetProperty("state").GetString()));
        Assert.Equal(0, events["broadcasts"].GetArrayLength());
    }
}
