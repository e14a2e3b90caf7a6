using System.Globalization;
using Broadcast.Tests.Common;
using Broadcast.WebTests.Browser;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Broadcast.WebTests;

/// <summary>
/// The issue's workflow through the console, one person per browser context: a commune editor uploads a recording
/// and submits it (and cannot submit for another commune), an approver approves it, an operator schedules it and sees
/// it on its day in the week view. Every step is checked against the controller too.
/// </summary>
[Collection(DistrictConsoleCollection.Name)]
public sealed class BulletinTests(DistrictConsoleFixture district, ITestOutputHelper output) : IDisposable
{
    private static readonly TimeZoneInfo Vietnam = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");
    private readonly TempDirectory _files = new();

    [Fact]
    public async Task Bulletin_SubmittedByEditorApprovedThenScheduled_AppearsInTheCalendar()
    {
        var title = $"Thông báo tiêm chủng {Guid.NewGuid().ToString("N")[..6]}";
        var wav = _files.File("tiem-chung.wav");
        Signals.WriteWav16(wav, Signals.SpeechLikeNoise(8, sampleRate: 16_000, seed: 11), 16_000);

        // 1. The editor of A Lù uploads a recording (a draft of her commune) and submits it.
        string id;
        await using (var editor = await ConsolePage.OpenAsync(district.Chromium, district.Host.Address, output))
        {
            var page = editor.Page;
            await editor.SignInAsync(DistrictConsoleFixture.Editor, DistrictConsoleFixture.EditorPassword);
            await editor.GoAsync("library");
            await Expect(page.Locator("[data-testid=upload-commune] option")).ToHaveCountAsync(1);
            await Expect(page.GetByTestId("upload-commune")).ToHaveValueAsync(DistrictConsoleFixture.ALu);
            await page.GetByTestId("upload-file").SetInputFilesAsync(wav);
            await page.GetByTestId("upload-title").FillAsync(title);
            await page.GetByTestId("upload-category").SelectOptionAsync("health");
            await page.GetByTestId("upload-submit").ClickAsync();
            var uploaded = page.GetByTestId("upload-message").Locator(".notice.ok");
            await Expect(uploaded).ToContainTextAsync(title);
            id = (await uploaded.GetAttributeAsync("data-programme"))!;
            await Expect(page.Locator($"tr[data-programme='{id}'] [data-role=state]")).ToHaveTextAsync("Bản nháp");

            await editor.GoAsync("bulletins");
            // A text for another commune: refused by the controller, with its reason, and nothing is created.
            await page.GetByTestId("bulletin-commune").SelectOptionAsync(DistrictConsoleFixture.Town);
            await page.GetByTestId("bulletin-text").FillAsync("Thông báo lịch tiêm chủng cho trẻ em dưới năm tuổi.");
            await page.GetByTestId("bulletin-submit").ClickAsync();
            var message = page.GetByTestId("bulletin-submit-message");
            await Expect(message.Locator(".notice.error")).ToContainTextAsync($"cannot act for commune {DistrictConsoleFixture.TownName}");
            await editor.ScreenshotAsync("06-bulletin-refused");
            var all = await district.Host.GetAsync("/api/bulletins?pageSize=200");
            Assert.Equal([id], all.GetProperty("items").EnumerateArray().Where(b => b.GetProperty("createdBy").GetString() == DistrictConsoleFixture.Editor).Select(b => b.GetProperty("id").GetString()));

            await page.GetByTestId("bulletin-programme").SelectOptionAsync(id);
            await page.GetByTestId("bulletin-submit").ClickAsync();
            await Expect(message.Locator(".notice.ok")).ToContainTextAsync(title);
            editor.AssertNoScriptErrors();
        }

        var submitted = await district.Host.GetAsync($"/api/bulletins/{id}");
        Assert.Equal("submitted", submitted.GetProperty("status").GetString());
        Assert.Equal(DistrictConsoleFixture.Editor, submitted.GetProperty("submittedBy").GetString());
        Assert.Contains(submitted.GetProperty("commune").GetString(), new[] { DistrictConsoleFixture.ALu, DistrictConsoleFixture.ALuName });

        // 2. The approver listens, must give a reason to send it back, and approves it.
        await using (var approver = await ConsolePage.OpenAsync(district.Chromium, district.Host.Address, output))
        {
            var page = approver.Page;
            await approver.SignInAsync(DistrictConsoleFixture.Approver, DistrictConsoleFixture.ApproverPassword);
            await approver.GoAsync("bulletins");
            var item = page.Locator($"[data-bulletin='{id}']");
            await Expect(item).ToHaveAttributeAsync("data-status", "submitted");
            await Expect(item.Locator("audio")).ToHaveAttributeAsync("src", $"/api/programmes/{id}/audio");
            await approver.ScreenshotAsync("06-bulletins-review");
            await page.GetByTestId($"reject-{id}").ClickAsync();
            await Expect(page.GetByTestId("bulletin-message")).ToContainTextAsync("Hãy ghi lý do");
            Assert.Equal("submitted", (await district.Host.GetAsync($"/api/bulletins/{id}")).GetProperty("status").GetString());

            await page.GetByTestId($"approve-{id}").ClickAsync();
            await page.GetByTestId("confirm-ok").ClickAsync();
            await Expect(page.GetByTestId("bulletin-message")).ToContainTextAsync($"Đã duyệt \"{title}\"");
            await Expect(item).ToHaveCountAsync(0);
            approver.AssertNoScriptErrors();
        }

        var approved = await district.Host.GetAsync($"/api/bulletins/{id}");
        Assert.Equal("approved", approved.GetProperty("status").GetString());
        Assert.Equal(DistrictConsoleFixture.Approver, approved.GetProperty("approvedBy").GetString());

        // 3. An operator schedules it from the approved list; it shows on its day in the week view.
        var tomorrow = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow(), Vietnam).DateTime).AddDays(1);
        var date = tomorrow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await using (var operatorPage = await ConsolePage.OpenAsync(district.Chromium, district.Host.Address, output))
        {
            var page = operatorPage.Page;
            await operatorPage.SignInAsync(DistrictConsoleFixture.Operator, DistrictConsoleFixture.OperatorPassword);
            await operatorPage.GoAsync("bulletins");
            await page.GetByTestId("bulletin-status").SelectOptionAsync("approved");
            await page.GetByTestId($"schedule-{id}").ClickAsync();
            await Expect(page.Locator("[data-nav=schedule]")).ToHaveAttributeAsync("aria-current", "page");
            await Expect(page.GetByTestId("schedule-programme")).ToHaveValueAsync(id);
            await page.GetByTestId("schedule-name").FillAsync(title);
            await page.GetByTestId("sch-target-kind").SelectOptionAsync("commune");
            await page.GetByTestId("sch-target-which").SelectOptionAsync(DistrictConsoleFixture.ALu);
            await page.GetByTestId("schedule-at").FillAsync($"{date}T06:15");
            await page.GetByTestId("schedule-submit").ClickAsync();
            await Expect(page.GetByTestId("schedule-message").Locator(".notice.ok")).ToContainTextAsync($"{date} 06:15");

            var schedule = Assert.Single((await district.Host.GetAsync("/api/schedules")).EnumerateArray(), s => s.GetProperty("name").GetString() == title);
            Assert.Equal(id, Assert.Single(schedule.GetProperty("programmes").EnumerateArray()).GetString());
            if (await page.Locator($"[data-testid=week] .day[data-date='{date}']").CountAsync() == 0)
            {
                await page.GetByTestId("week-next").ClickAsync();
            }

            var slot = page.Locator($".day[data-date='{date}'] .slot[data-schedule='{schedule.GetProperty("id").GetInt64()}']");
            await Expect(slot).ToContainTextAsync($"06:15 {title}");
            await Expect(slot).ToContainTextAsync(DistrictConsoleFixture.ALuName);
            operatorPage.AssertNoScriptErrors();
        }

        // Scheduled, the bulletin says so.
        Assert.Equal("scheduled", (await district.Host.GetAsync($"/api/bulletins/{id}")).GetProperty("status").GetString());
    }

    public void Dispose() => _files.Dispose();
}
