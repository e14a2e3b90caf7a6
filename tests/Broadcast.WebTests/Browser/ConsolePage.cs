using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Broadcast.WebTests.Browser;

/// <summary>
/// One browser context on the console (its own cookies and localStorage), as an operator at a 1366x768 office PC in
/// Vietnam's time zone. Collects script errors: a console that throws is broken even if the page looks right.
/// </summary>
internal sealed class ConsolePage : IAsyncDisposable
{
    public static readonly ViewportSize Laptop = new() { Width = 1366, Height = 768 };
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    private readonly IBrowserContext _context;
    private readonly ITestOutputHelper _output;
    private readonly List<string> _errors = [];

    private ConsolePage(IBrowserContext context, IPage page, ITestOutputHelper output)
    {
        _context = context;
        Page = page;
        _output = output;
        page.PageError += (_, error) => _errors.Add(error);
        page.Console += (_, message) =>
        {
            // Refused requests (403, 404) are logged by Chromium as errors; they are expected answers, not script faults.
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                _errors.Add(message.Text);
            }
        };
    }

    public IPage Page { get; }

    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public static async Task<ConsolePage> OpenAsync(Chromium chromium, Uri address, ITestOutputHelper output, ViewportSize? viewport = null)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = address.ToString(),
            ViewportSize = viewport ?? Laptop,
            Locale = "vi-VN",
            TimezoneId = "Asia/Ho_Chi_Minh",
        });
        context.SetDefaultTimeout(20_000);
        SetDefaultExpectTimeout(20_000);
        var page = await context.NewPageAsync();
        return new ConsolePage(context, page, output);
    }

    /// <summary>Opens the console and signs in through its login page; returns once the dashboard shows.</summary>
    public async Task SignInAsync(string user, string password)
    {
        await Page.GotoAsync("/");
        await Page.Locator("#login-user").FillAsync(user);
        await Page.Locator("#login-password").FillAsync(password);
        await Page.GetByTestId("login-submit").ClickAsync();
        await Expect(Page.Locator("[data-nav=dashboard]")).ToBeVisibleAsync();
    }

    public async Task GoAsync(string route)
    {
        await Page.GotoAsync($"/#/{route}");
        await Expect(Page.Locator($"[data-nav={route}]")).ToHaveAttributeAsync("aria-current", "page");
    }

    /// <summary>Saves a screenshot (the whole page, or the screen when a dialog is open) under the test output and prints where.</summary>
    public async Task ScreenshotAsync(string name, bool fullPage = true)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        var path = Path.Combine(ScreenshotDirectory, name + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = fullPage });
        _output.WriteLine($"screenshot: {path}");
    }

    public void AssertNoScriptErrors() => Assert.True(_errors.Count == 0, "script errors in the console: " + string.Join(" | ", _errors));

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
