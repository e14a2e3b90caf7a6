using Broadcast.Tests.Common;
using Broadcast.Topology;
using Broadcast.WebTests.Browser;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Broadcast.WebTests;

[Collection(DistrictConsoleCollection.Name)]
public sealed class DashboardTests(DistrictConsoleFixture district, ITestOutputHelper output)
{
    [Fact]
    public async Task Dashboard_SimulatedClustersComeOnlineThenPlay_ChipsAndCountsFollowTheController()
    {
        await district.Host.StopAllBroadcastsAsync();
        var total = TopologyLoader.Load(RepoPaths.BatXatTopology).Clusters.Count();
        await using var console = await ConsolePage.OpenAsync(district.Chromium, district.Host.Address, output);
        var page = console.Page;
        await console.SignInAsync(DistrictConsoleFixture.Operator, DistrictConsoleFixture.OperatorPassword);

        var town = page.Locator($"details.commune[data-commune={DistrictConsoleFixture.Town}]");
        var alu = page.Locator($"details.commune[data-commune={DistrictConsoleFixture.ALu}]");
        await Expect(page.GetByTestId("count-total")).ToHaveTextAsync(total.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(town).ToHaveAttributeAsync("data-online", "13");
        await Expect(alu.Locator("summary .name")).ToHaveTextAsync(DistrictConsoleFixture.ALuName);
        await Expect(alu).ToHaveAttributeAsync("data-online", "0");
        await Expect(alu.Locator(".chip[data-state=offline]")).ToHaveCountAsync(DistrictConsoleFixture.ALuClusters);
        await Expect(page.GetByTestId("nothing-on-air")).ToBeVisibleAsync();

        // A Lù's clusters come up: the page follows without a reload.
        await district.Host.StartSimulatorAsync(DistrictConsoleFixture.ALu);
        await Expect(alu).ToHaveAttributeAsync("data-online", "15");
        await Expect(alu.Locator(".chip[data-state=online]")).ToHaveCountAsync(DistrictConsoleFixture.ALuClusters);
        await Expect(page.GetByTestId("count-online")).ToHaveTextAsync("28");
        await Expect(page.GetByTestId("count-offline")).ToHaveTextAsync((total - 28).ToString(System.Globalization.CultureInfo.InvariantCulture));

        var id = await district.Host.StartBroadcastAsync(district.NewsId, "commune:a-lu", "district");
        await Expect(alu).ToHaveAttributeAsync("data-playing", "15");
        await Expect(alu.Locator(".chip[data-state=playing]")).ToHaveCountAsync(DistrictConsoleFixture.ALuClusters);
        await Expect(town).ToHaveAttributeAsync("data-playing", "0");
        var onAir = page.Locator($"[data-broadcast='{id}']");
        // People read names: the commune's, and the programme's title rather than its stored file.
        await Expect(onAir).ToContainTextAsync(DistrictConsoleFixture.ALuName);
        await Expect(onAir.Locator("strong")).ToHaveTextAsync(DistrictConsoleFixture.NewsTitle);
        await Expect(onAir.Locator("[data-role=delivery]")).ToHaveTextAsync("15/15 cụm đang nhận");
        await Expect(page.GetByTestId("count-playing")).ToHaveTextAsync("15");
        // All of this arrived over the event stream (signed in by cookie), not by polling.
        await Expect(page.Locator("#live-dot")).ToHaveAttributeAsync("data-mode", "sse");
        await console.ScreenshotAsync("02-dashboard");

        // Stop from the dashboard: the controller ends it and the clusters return to idle.
        await page.GetByTestId($"stop-{id}").ClickAsync();
        await page.GetByTestId("confirm-ok").ClickAsync();
        await Expect(alu).ToHaveAttributeAsync("data-playing", "0");
        Assert.Equal(0, (await district.Host.GetAsync("/api/broadcasts")).GetArrayLength());

        // The problem filter keeps only communes with offline or faulty clusters (all but the two simulated ones).
        await page.GetByTestId("dash-problems").CheckAsync();
        await Expect(alu).ToBeHiddenAsync();
        await Expect(page.Locator("details.commune[data-commune=y-ty]")).ToBeVisibleAsync();
        console.AssertNoScriptErrors();
    }
}
