using Broadcast.WebTests.Browser;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Broadcast.WebTests;

/// <summary>Every page at an office laptop's 1366x768 and on a phone: rendered without script errors, nothing wider than the screen.</summary>
[Collection(DistrictConsoleCollection.Name)]
public sealed class PageTourTests(DistrictConsoleFixture district, ITestOutputHelper output)
{
    public static TheoryData<string, int, int> Screens => new()
    {
        { "laptop", 1366, 768 },
        { "phone", 390, 844 },
    };

    [Theory]
    [MemberData(nameof(Screens))]
    public async Task EveryPage_FitsTheScreenWidth(string screen, int width, int height)
    {
        await using var console = await ConsolePage.OpenAsync(district.Chromium, district.Host.Address, output, new() { Width = width, Height = height });
        var page = console.Page;
        await console.SignInAsync(DistrictConsoleFixture.Operator, DistrictConsoleFixture.OperatorPassword);
        string[] routes = ["dashboard", "library", "schedule", "bulletins", "endpoints", "reports", "emergency"];
        foreach (var route in routes)
        {
            await console.GoAsync(route);
            // Each page's own content, not just the shell: a heading of the page's own.
            await Expect(page.Locator("#main h1").First).ToBeVisibleAsync();
            await page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.NetworkIdle);
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            Assert.True(overflow <= 0, $"{route} is {overflow} px wider than a {width} px screen");
            await console.ScreenshotAsync($"tour-{screen}-{route}");
        }

        console.AssertNoScriptErrors();
    }
}
