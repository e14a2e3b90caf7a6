using Broadcast.WebTests.Browser;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Broadcast.WebTests;

[Collection(DistrictConsoleCollection.Name)]
public sealed class ScheduleTests(DistrictConsoleFixture district, ITestOutputHelper output)
{
    private static readonly TimeZoneInfo Vietnam = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");

    [Fact]
    public async Task OneOffSchedule_AddedInTheForm_AppearsInTheWeekCalendarOnItsDay()
    {
        // Tomorrow 05:30 in the controller's zone (Scheduling:TimeZone): always in the future, never on a day boundary.
        var tomorrow = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow(), Vietnam).DateTime).AddDays(1);
        var date = tomorrow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var name = $"Bản tin sáng A Lù {Guid.NewGuid().ToString("N")[..6]}";
        await using var console = await ConsolePage.OpenAsync(district.Chromium, district.Host.Address, output);
        var page = console.Page;
        await console.SignInAsync(DistrictConsoleFixture.Operator, DistrictConsoleFixture.OperatorPassword);
        await console.GoAsync("schedule");

        await page.GetByTestId("schedule-name").FillAsync(name);
        await page.GetByTestId("schedule-programme").SelectOptionAsync(district.NewsId);
        await page.GetByTestId("sch-target-kind").SelectOptionAsync("commune");
        await page.GetByTestId("sch-target-which").SelectOptionAsync(DistrictConsoleFixture.ALu);
        await page.GetByTestId("sch-priority").SelectOptionAsync("district");
        await page.GetByTestId("schedule-at").FillAsync($"{date}T05:30");
        await page.GetByTestId("schedule-submit").ClickAsync();
        await Expect(page.GetByTestId("schedule-message")).ToContainTextAsync($"{date} 05:30");

        // The controller holds it as asked.
        var schedules = await district.Host.GetAsync("/api/schedules");
        var stored = Assert.Single(schedules.EnumerateArray(), s => s.GetProperty("name").GetString() == name);
        Assert.Equal("commune:a-lu", stored.GetProperty("target").GetString());
        Assert.Equal("oneOff", stored.GetProperty("kind").GetString());
        Assert.StartsWith($"{date}T05:30", stored.GetProperty("next")[0].GetProperty("at").GetString(), StringComparison.Ordinal);

        // Tomorrow may be in next week's view (when today is Sunday).
        if (await page.Locator($"[data-testid=week] .day[data-date='{date}']").CountAsync() == 0)
        {
            await page.GetByTestId("week-next").ClickAsync();
        }

        var slot = page.Locator($".day[data-date='{date}'] .slot[data-schedule='{stored.GetProperty("id").GetInt64()}']");
        await Expect(slot).ToContainTextAsync("05:30");
        await Expect(slot).ToContainTextAsync(name);
        await Expect(slot).ToHaveAttributeAsync("data-status", "planned");
        await Expect(page.Locator($"[data-testid=schedule-list] [data-schedule='{stored.GetProperty("id").GetInt64()}']")).ToContainTextAsync(name);
        await console.ScreenshotAsync("04-schedule");

        // Removing it empties its day in the calendar.
        await page.GetByTestId($"remove-schedule-{stored.GetProperty("id").GetInt64()}").ClickAsync();
        await Expect(slot).ToHaveCountAsync(0);
        console.AssertNoScriptErrors();
    }
}
