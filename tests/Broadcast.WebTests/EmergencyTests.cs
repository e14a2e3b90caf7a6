using Broadcast.WebTests.Browser;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Broadcast.WebTests;

[Collection(DistrictConsoleCollection.Name)]
public sealed class EmergencyTests(DistrictConsoleFixture district, ITestOutputHelper output)
{
    [Fact]
    public async Task Emergency_ConfirmedTwice_StartsEverywhereShowsDeliveryPerClusterAndStops()
    {
        await district.Host.StopAllBroadcastsAsync();
        await using var console = await ConsolePage.OpenAsync(district.Chromium, district.Host.Address, output);
        var page = console.Page;
        await console.SignInAsync(DistrictConsoleFixture.Operator, DistrictConsoleFixture.OperatorPassword);
        await console.GoAsync("emergency");

        await Expect(page.GetByTestId("emergency-all")).ToBeCheckedAsync();
        await page.GetByTestId("emergency-programme").SelectOptionAsync(district.AlertId);
        await Expect(page.GetByTestId("emergency-chosen")).ToContainTextAsync(DistrictConsoleFixture.AlertTitle);

        // Backing out at either confirmation starts nothing.
        await page.GetByTestId("emergency-start").ClickAsync();
        await page.GetByTestId("confirm1-cancel").ClickAsync();
        await page.GetByTestId("emergency-start").ClickAsync();
        await page.GetByTestId("confirm1-ok").ClickAsync();
        await Expect(page.GetByTestId("confirm2")).ToContainTextAsync("Xác nhận lần hai");
        await console.ScreenshotAsync("07-emergency-confirm", fullPage: false);
        await page.GetByTestId("confirm2-cancel").ClickAsync();
        Assert.Equal(0, (await district.Host.GetAsync("/api/broadcasts")).GetArrayLength());
        await Expect(page.Locator(".on-air")).ToHaveCountAsync(0);

        await page.GetByTestId("emergency-start").ClickAsync();
        await page.GetByTestId("confirm1-ok").ClickAsync();
        await page.GetByTestId("confirm2-ok").ClickAsync();

        var panel = page.Locator(".on-air");
        await Expect(panel).ToHaveAttributeAsync("data-state", "playing");
        var broadcasts = await district.Host.GetAsync("/api/broadcasts");
        var emergency = Assert.Single(broadcasts.EnumerateArray());
        Assert.Equal("Emergency", emergency.GetProperty("priority").GetString());
        Assert.Equal("all", emergency.GetProperty("target").GetString());
        var id = emergency.GetProperty("id").GetInt64();
        Assert.Equal(id.ToString(System.Globalization.CultureInfo.InvariantCulture), await panel.GetAttributeAsync("data-broadcast"));
        await Expect(panel).ToContainTextAsync(DistrictConsoleFixture.AlertTitle);

        // Every simulated town cluster shows as receiving, row by row, and the controller agrees.
        var townRows = page.Locator($"[data-testid=delivery] tr[data-cluster^='BX-BX-']");
        await Expect(townRows).ToHaveCountAsync(DistrictConsoleFixture.TownClusters);
        await Expect(page.Locator("[data-testid=delivery] tr[data-cluster^='BX-BX-'][data-receiving=true]")).ToHaveCountAsync(DistrictConsoleFixture.TownClusters);
        // Clusters that are not simulated stay members of the broadcast, but the page must not count them as receiving.
        var online = (await district.Host.GetAsync("/api/endpoints")).EnumerateArray().Where(e => e.GetProperty("online").GetBoolean()).ToList();
        Assert.True(online.Count >= DistrictConsoleFixture.TownClusters, $"only {online.Count} endpoints online");
        await Expect(page.GetByTestId("emergency-totals")).ToHaveAttributeAsync("data-receiving", online.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(page.Locator("[data-testid=delivery] tr[data-cluster='BX-YT-03']")).ToHaveAttributeAsync("data-receiving", "false");
        // Per commune: the town's fold counts all 13, Y Tý's (not simulated) none; a fold stays open across refreshes.
        var townFold = page.Locator($"[data-testid=delivery] details[data-commune={DistrictConsoleFixture.Town}]");
        await Expect(townFold).ToHaveAttributeAsync("data-receiving", "13");
        await Expect(page.Locator("[data-testid=delivery] details[data-commune=y-ty]")).ToHaveAttributeAsync("data-receiving", "0");
        await townFold.Locator("summary").ClickAsync();
        var row = townFold.Locator("tr[data-cluster='BX-BX-01']");
        await Expect(row).ToBeVisibleAsync();
        var packets = await row.Locator("td").Nth(4).InnerTextAsync();
        await Expect(row.Locator("td").Nth(4)).Not.ToHaveTextAsync(packets);
        await Expect(row).ToBeVisibleAsync();
        await console.ScreenshotAsync("08-emergency-on-air");

        await page.GetByTestId("emergency-stop").ClickAsync();
        await page.GetByTestId("confirm-stop-ok").ClickAsync();
        await Expect(panel).ToHaveAttributeAsync("data-state", "ended");
        await Expect(page.GetByTestId("emergency-state")).ToHaveTextAsync("Đã dừng");
        Assert.Equal(0, (await district.Host.GetAsync("/api/broadcasts")).GetArrayLength());
        console.AssertNoScriptErrors();
    }

    [Fact]
    public async Task Emergency_TypedText_IsReadAloudIntoTheLibraryAndChosenAsTheAlert()
    {
        const string text = "Nước sông Hồng đang lên nhanh. Bà con vùng trũng di chuyển lên chỗ cao ngay.";
        await using var console = await ConsolePage.OpenAsync(district.Chromium, district.Host.Address, output);
        var page = console.Page;
        await console.SignInAsync(DistrictConsoleFixture.Operator, DistrictConsoleFixture.OperatorPassword);
        await console.GoAsync("emergency");
        await page.GetByTestId("emergency-tts-text").FillAsync(text);
        await page.GetByTestId("emergency-tts").ClickAsync();
        await Expect(page.GetByTestId("emergency-tts-message").Locator(".notice.ok")).ToBeVisibleAsync(new() { Timeout = 60_000 });

        // The controller made a programme of the text; the page chose it and offers it in the list of recordings.
        var id = await page.GetByTestId("emergency-programme").InputValueAsync();
        var made = await district.Host.GetAsync($"/api/bulletins/{id}");
        Assert.Equal(text, made.GetProperty("text").GetString());
        Assert.Equal("emergency", made.GetProperty("category").GetString());
        Assert.True(made.GetProperty("durationSeconds").GetDouble() > 2, "the speech is too short to hold the text");
        await Expect(page.GetByTestId("emergency-chosen")).ToContainTextAsync(made.GetProperty("title").GetString()!);
        await Expect(page.GetByTestId("emergency-start")).ToBeEnabledAsync();
        console.AssertNoScriptErrors();
    }

    [Fact]
    public async Task Emergency_AccountWithoutEmergencyPermission_SeesWhyAndCannotStart()
    {
        await using var console = await ConsolePage.OpenAsync(district.Chromium, district.Host.Address, output);
        var page = console.Page;
        await console.SignInAsync(DistrictConsoleFixture.Editor, DistrictConsoleFixture.EditorPassword);
        await console.GoAsync("emergency");
        await Expect(page.GetByTestId("emergency-no-permission")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("emergency-start")).ToBeDisabledAsync();

        // The disabled button is a courtesy; the controller itself refuses the call.
        using var http = new HttpClient { BaseAddress = district.Host.Address };
        await Tests.Common.ApiAuth.AuthorizeAsync(http, DistrictConsoleFixture.Editor, DistrictConsoleFixture.EditorPassword);
        using var refused = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(http, "/api/broadcasts",
            new { programme = district.AlertId, target = "commune:a-lu", priority = "emergency" });
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, refused.StatusCode);
        console.AssertNoScriptErrors();
    }
}
