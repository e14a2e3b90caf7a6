using Broadcast.WebTests.Browser;
using Broadcast.WebTests.Hosting;

namespace Broadcast.WebTests;

/// <summary>
/// A controller with accounts switched off (the Development loopback setup, and what an older controller looks like
/// to the console), no clusters online, and its own Chromium.
/// </summary>
public sealed class OpenConsoleFixture : IAsyncLifetime
{
    private ConsoleHost? _host;
    private Chromium? _chromium;

    internal ConsoleHost Host => _host!;

    internal Chromium Chromium => _chromium!;

    public async Task InitializeAsync()
    {
        _host = await ConsoleHost.StartAsync(new ConsoleHostOptions { Accounts = false });
        _chromium = await Chromium.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        if (_chromium is not null)
        {
            await _chromium.DisposeAsync();
        }

        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
