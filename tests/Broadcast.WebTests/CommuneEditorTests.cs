using Broadcast.WebTests.Browser;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Broadcast.WebTests;

/// <summary>A commune editor airs in her commune and nowhere else, whichever form she uses (the bulletin form: BulletinTests).</summary>
[Collection(DistrictConsoleCollection.Name)]
public sealed class CommuneEditorTests(DistrictConsoleFixture district, ITestOutputHelper output)
{
    [Fact]
    public async Task CommuneEditor_TargetsAnotherCommune_IsRefusedWithTheControllersReason_OwnCommuneIsAccepted()
    {
        await district.Host.StopAllBroadcastsAsync();
        await using var console = await ConsolePage.OpenAsync(district.Chromium, district.Host.Address, output);
        var page = console.Page;
        await console.SignInAsync(DistrictConsoleFixture.Editor, DistrictConsoleFixture.EditorPassword);
        await console.GoAsync("library");

        await page.GetByTestId($"air-{district.NewsId}").ClickAsync();
        var form = page.GetByTestId("air-form");
        // The picker starts on her own commune and offers only commune and background priority.
        await Expect(form.GetByTestId("air-target-which")).ToHaveValueAsync(DistrictConsoleFixture.ALu);
        await Expect(form.Locator("[data-testid=air-priority] option")).ToHaveCountAsync(2);

        await form.GetByTestId("air-target-which").SelectOptionAsync(DistrictConsoleFixture.Town);
        await form.GetByTestId("air-submit").ClickAsync();
        var message = form.GetByTestId("air-message");
        await Expect(message.Locator(".notice.error")).ToContainTextAsync("cannot target");
        await Expect(message).ToContainTextAsync(DistrictConsoleFixture.TownName);
        await console.ScreenshotAsync("05-commune-editor-refused");
        Assert.Equal(0, (await district.Host.GetAsync("/api/broadcasts")).GetArrayLength());

        // The queue is guarded the same way.
        await form.GetByTestId("air-position").SelectOptionAsync("append");
        await form.GetByTestId("air-submit").ClickAsync();
        await Expect(message.Locator(".notice.error")).ToContainTextAsync("cannot target");
        var queues = await district.Host.GetAsync("/api/queue");
        Assert.DoesNotContain(queues.EnumerateArray(), q => q.GetProperty("next").GetArrayLength() > 0);

        // Her own commune: accepted, and the controller airs it there only.
        await form.GetByTestId("air-target-which").SelectOptionAsync(DistrictConsoleFixture.ALu);
        await form.GetByTestId("air-position").SelectOptionAsync("now-broadcast");
        await form.GetByTestId("air-submit").ClickAsync();
        await Expect(message.Locator(".notice.ok")).ToContainTextAsync("15 cụm loa");
        var broadcast = Assert.Single((await district.Host.GetAsync("/api/broadcasts")).EnumerateArray());
        Assert.Equal("commune:a-lu", broadcast.GetProperty("target").GetString());
        Assert.Equal("Commune", broadcast.GetProperty("priority").GetString());
        await district.Host.StopAllBroadcastsAsync();
        console.AssertNoScriptErrors();
    }
}
