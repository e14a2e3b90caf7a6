using System.Globalization;
using Broadcast.Tests.Common;
using Broadcast.WebTests.Browser;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Broadcast.WebTests;

[Collection(DistrictConsoleCollection.Name)]
public sealed class LibraryTests(DistrictConsoleFixture district, ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _files = new();

    [Fact]
    public async Task Upload_OverASlowLink_ShowsProgressThenTheProgrammeAsTheControllerStoredIt()
    {
        // 40 s of speech-like audio at 16 kHz: 1.28 MB, about 3 s on the 400 KB/s link emulated below.
        var wav = _files.File("Tin nông nghiệp tuần.wav");
        Signals.WriteWav16(wav, Signals.SpeechLikeNoise(40, sampleRate: 16_000, seed: 7), 16_000);
        await using var console = await ConsolePage.OpenAsync(district.Chromium, district.Host.Address, output);
        var page = console.Page;
        await console.SignInAsync(DistrictConsoleFixture.Operator, DistrictConsoleFixture.OperatorPassword);
        await console.GoAsync("library");

        // A district office on a slow uplink: Chromium's network emulation paces the upload, so progress events arrive.
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("Network.enable");
        await cdp.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
        {
            ["offline"] = false,
            ["latency"] = 20,
            ["downloadThroughput"] = 4_000_000,
            ["uploadThroughput"] = 400_000,
        });
        await Expect(page.GetByTestId("upload-progress")).ToBeAttachedAsync();

        // Record every value the progress bar takes (the test cannot poll fast enough to see them all).
        await page.EvaluateAsync("""
            () => {
              window.__progress = [];
              const bar = document.querySelector('[data-testid=upload-progress]');
              const set = Object.getOwnPropertyDescriptor(HTMLProgressElement.prototype, 'value').set;
              Object.defineProperty(bar, 'value', { set(v) { set.call(this, v); window.__progress.push(Number(v)); }, get() { return Number(this.getAttribute('value') ?? 0); } });
            }
            """);

        await page.GetByTestId("upload-file").SetInputFilesAsync(wav);
        await Expect(page.GetByTestId("upload-title")).ToHaveValueAsync("Tin nông nghiệp tuần");
        await page.GetByTestId("upload-category").SelectOptionAsync("agriculture");
        await page.GetByTestId("upload-commune").SelectOptionAsync(DistrictConsoleFixture.ALu);
        await page.GetByTestId("upload-submit").ClickAsync();
        await Expect(page.GetByTestId("upload-status")).ToContainTextAsync("Đang tải lên");
        await console.ScreenshotAsync("03-library-uploading");

        var message = page.GetByTestId("upload-message").Locator(".notice.ok");
        await Expect(message).ToContainTextAsync("Đã thêm \"Tin nông nghiệp tuần\"", new() { Timeout = 60_000 });
        await Expect(page.GetByTestId("upload-progress")).ToHaveAttributeAsync("data-done", "true");
        var seen = await page.EvaluateAsync<double[]>("() => window.__progress");
        output.WriteLine("progress values: " + string.Join(' ', seen.Distinct()));
        Assert.Contains(seen, v => v is > 0 and < 100);
        Assert.Equal(100, seen[^1]);
        Assert.Equal(seen.OrderBy(v => v), seen);

        // What the page says is what the controller stored.
        var id = await message.GetAttributeAsync("data-programme");
        var stored = await district.Host.GetAsync($"/api/programmes/{id}");
        Assert.Equal("Tin nông nghiệp tuần", stored.GetProperty("title").GetString());
        Assert.Equal("agriculture", stored.GetProperty("category").GetString());
        // The library files it under the commune by its id or its name (its own canonical form).
        Assert.Contains(stored.GetProperty("commune").GetString(), new[] { DistrictConsoleFixture.ALu, DistrictConsoleFixture.ALuName });
        Assert.Equal(40, stored.GetProperty("durationSeconds").GetDouble(), 0.1);
        await Expect(message).ToContainTextAsync(string.Create(CultureInfo.InvariantCulture, $"{stored.GetProperty("loudnessLufs").GetDouble()} LUFS"));

        await cdp.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
        {
            ["offline"] = false, ["latency"] = 0, ["downloadThroughput"] = -1, ["uploadThroughput"] = -1,
        });
        var row = page.Locator($"tr[data-programme='{id}']");
        await Expect(row).ToContainTextAsync("Nông nghiệp");
        await Expect(row).ToContainTextAsync("A Lù");
        await Expect(row).ToContainTextAsync("0:40");

        // Preview plays the controller's encoded file.
        await page.GetByTestId($"preview-{id}").ClickAsync();
        var audio = page.GetByTestId($"audio-{id}");
        await Expect(audio).ToHaveAttributeAsync("src", $"/api/programmes/{id}/audio");
        var duration = await audio.EvaluateAsync<double>("a => new Promise(r => a.readyState >= 1 ? r(a.duration) : a.addEventListener('loadedmetadata', () => r(a.duration)))");
        Assert.Equal(40, duration, 0.5);
        console.AssertNoScriptErrors();
    }

    [Fact]
    public async Task Search_ByTitleAndCategory_ListsOnlyMatchingProgrammes()
    {
        await using var console = await ConsolePage.OpenAsync(district.Chromium, district.Host.Address, output);
        var page = console.Page;
        await console.SignInAsync(DistrictConsoleFixture.Operator, DistrictConsoleFixture.OperatorPassword);
        await console.GoAsync("library");
        await Expect(page.Locator($"tr[data-programme='{district.NewsId}']")).ToBeVisibleAsync();
        await Expect(page.Locator($"tr[data-programme='{district.AlertId}']")).ToBeVisibleAsync();

        await page.GetByTestId("library-category").SelectOptionAsync("emergency");
        await Expect(page.Locator($"tr[data-programme='{district.NewsId}']")).ToHaveCountAsync(0);
        await Expect(page.Locator($"tr[data-programme='{district.AlertId}']")).ToBeVisibleAsync();

        await page.GetByTestId("library-category").SelectOptionAsync("");
        await page.GetByTestId("library-q").FillAsync("bản tin");
        await Expect(page.Locator($"tr[data-programme='{district.AlertId}']")).ToHaveCountAsync(0);
        await Expect(page.Locator($"tr[data-programme='{district.NewsId}']")).ToBeVisibleAsync();
        var listed = await page.Locator("[data-testid=programme-list] tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.title)");
        var expected = (await district.Host.GetAsync("/api/programmes?q=b%E1%BA%A3n%20tin")).GetProperty("items").EnumerateArray().Select(p => p.GetProperty("title").GetString()).ToArray();
        Assert.Equal(expected, listed);
        console.AssertNoScriptErrors();
    }

    public void Dispose() => _files.Dispose();
}
