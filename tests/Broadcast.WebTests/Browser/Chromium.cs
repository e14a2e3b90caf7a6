using Microsoft.Playwright;

namespace Broadcast.WebTests.Browser;

/// <summary>
/// Debian's Chromium driven headless by Playwright's driver (node and the driver scripts ship in the NuGet package);
/// no browser is downloaded. <c>BCAST_CHROMIUM</c> points at another build.
/// </summary>
internal sealed class Chromium : IAsyncDisposable
{
    public const string DefaultPath = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;

    private Chromium(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    public static string ExecutablePath => Environment.GetEnvironmentVariable("BCAST_CHROMIUM") is { Length: > 0 } path ? path : DefaultPath;

    public static async Task<Chromium> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"Chromium is missing at {ExecutablePath}: run ./bcast test (it installs the Debian package 'chromium'), or apt-get install chromium, or set BCAST_CHROMIUM");
        }

        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                // /dev/shm is small in containers; Chromium's renderer crashes there without this.
                Args = ["--disable-dev-shm-usage"],
            });
            return new Chromium(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}
