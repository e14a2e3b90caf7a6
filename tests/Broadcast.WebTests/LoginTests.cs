using System.Net.Http.Json;
using Broadcast.WebTests.Browser;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Broadcast.WebTests;

[Collection(DistrictConsoleCollection.Name)]
public sealed class LoginTests(DistrictConsoleFixture district, ITestOutputHelper output)
{
    [Fact]
    public async Task Login_WrongThenOneTimePassword_MustChangeItThenSeesDashboardAsThatUser()
    {
        const string oneTime = "one-time-password-42";
        const string chosen = "my-own-password-42";
        await district.Host.CreateUserAsync("xem", "viewer-password-1", new { displayName = "Người xem", roles = new[] { "Viewer" } });
        using (var reset = await district.Host.Admin.PostAsJsonAsync("/api/accounts/xem/password", new { password = oneTime }))
        {
            Assert.True(reset.IsSuccessStatusCode, await reset.Content.ReadAsStringAsync());
        }

        await using var console = await ConsolePage.OpenAsync(district.Chromium, district.Host.Address, output);
        var page = console.Page;
        await page.GotoAsync("/");
        await Expect(page.Locator("#login-user")).ToBeVisibleAsync();
        await Expect(page.Locator("#top")).ToBeHiddenAsync();
        await console.ScreenshotAsync("01-login");

        await page.Locator("#login-user").FillAsync("xem");
        await page.Locator("#login-password").FillAsync("not-the-password");
        await page.GetByTestId("login-submit").ClickAsync();
        await Expect(page.GetByTestId("login-message")).ToContainTextAsync("Sai tên đăng nhập hoặc mật khẩu");

        await page.Locator("#login-password").FillAsync(oneTime);
        await page.GetByTestId("login-submit").ClickAsync();
        await Expect(page.Locator("#pw-new")).ToBeVisibleAsync();
        await page.Locator("#pw-current").FillAsync(oneTime);
        await page.Locator("#pw-new").FillAsync(chosen);
        await page.Locator("#pw-again").FillAsync(chosen);
        await page.GetByTestId("pw-submit").ClickAsync();

        await Expect(page.GetByTestId("user")).ToHaveTextAsync("Người xem");
        await Expect(page.Locator("[data-nav=dashboard]")).ToHaveAttributeAsync("aria-current", "page");
        // A viewer reads: no emergency entry in the menu.
        await Expect(page.Locator("[data-nav=emergency]")).ToHaveCountAsync(0);

        // The server took the new password: the one-time one no longer signs in.
        using var http = new HttpClient { BaseAddress = district.Host.Address };
        using var old = await http.PostAsJsonAsync("/api/auth/login", new { user = "xem", password = oneTime });
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, old.StatusCode);
        using var fresh = await http.PostAsJsonAsync("/api/auth/login", new { user = "xem", password = chosen });
        Assert.True(fresh.IsSuccessStatusCode);

        // Signing out ends the session: the login page returns and a reload stays there.
        await page.Locator("#logout").ClickAsync();
        await Expect(page.Locator("#login-user")).ToBeVisibleAsync();
        await page.ReloadAsync();
        await Expect(page.Locator("#login-user")).ToBeVisibleAsync();
        console.AssertNoScriptErrors();
    }

    [Fact]
    public async Task Language_SwitchToEnglish_IsRememberedAcrossReloads()
    {
        await using var console = await ConsolePage.OpenAsync(district.Chromium, district.Host.Address, output);
        var page = console.Page;
        await console.SignInAsync(DistrictConsoleFixture.Operator, DistrictConsoleFixture.OperatorPassword);
        await Expect(page.Locator("[data-nav=library]")).ToHaveTextAsync("Thư viện");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "vi");

        await page.Locator("#lang").SelectOptionAsync("en");
        await Expect(page.Locator("[data-nav=library]")).ToHaveTextAsync("Library");
        await page.ReloadAsync();
        await Expect(page.Locator("[data-nav=library]")).ToHaveTextAsync("Library");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");

        await page.Locator("#lang").SelectOptionAsync("vi");
        await Expect(page.Locator("[data-nav=emergency]")).ToHaveTextAsync("KHẨN CẤP");
        console.AssertNoScriptErrors();
    }
}
