using System.Text.Json;
using Broadcast.WebTests.Browser;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Broadcast.WebTests;

[Collection(DistrictConsoleCollection.Name)]
public sealed class EndpointsTests(DistrictConsoleFixture district, ITestOutputHelper output)
{
    [Fact]
    public async Task Technician_ProvisionsThenRevokesACluster_CredentialsShownOnceAndTheRegistryFollows()
    {
        const string id = "BX-YT-01";
        await district.Host.CreateUserAsync("kythuat", "technician-password-1", new { displayName = "Kỹ thuật viên", roles = new[] { "Technician" } });
        await using var console = await ConsolePage.OpenAsync(district.Chromium, district.Host.Address, output);
        var page = console.Page;
        await console.SignInAsync("kythuat", "technician-password-1");
        await console.GoAsync("endpoints");

        // Details of a simulated town cluster: online, with the address the controller saw.
        await page.Locator("tr[data-endpoint='BX-BX-01']").ClickAsync();
        var details = page.Locator("[data-endpoint-details='BX-BX-01']");
        await Expect(details).ToContainTextAsync("Trực tuyến");
        var server = await district.Host.GetAsync("/api/endpoints/BX-BX-01");
        await Expect(details).ToContainTextAsync(server.GetProperty("address").GetString()!);

        // Y Tý's first cluster is in the topology but not provisioned: commune, hamlet and binding come from there.
        await page.GetByTestId("provision-id").FillAsync(id);
        await page.GetByTestId("provision-submit").ClickAsync();
        await Expect(page.GetByTestId("provision-message")).ToContainTextAsync(id);
        var credentials = JsonDocument.Parse(await page.GetByTestId("credentials").InnerTextAsync()).RootElement;
        Assert.Equal(id, credentials.GetProperty("endpointId").GetString());
        Assert.Equal("127.31.1.1/32", credentials.GetProperty("binding").GetString());
        Assert.False(string.IsNullOrEmpty(credentials.GetProperty("endpointPrivateKey").GetString()));
        await Expect(page.GetByTestId("credentials-download")).ToHaveAttributeAsync("download", $"{id}.json");
        await console.ScreenshotAsync("09-endpoints");

        // Provisioning it again without "replace" is refused by the controller, and the page says why.
        await page.GetByTestId("provision-submit").ClickAsync();
        await Expect(page.GetByTestId("provision-message").Locator(".notice.error")).ToBeVisibleAsync();

        await page.GetByTestId("endpoint-filter").FillAsync(id);
        await page.Locator($"tr[data-endpoint='{id}']").ClickAsync();
        await page.GetByTestId("revoke").ClickAsync();
        await page.GetByTestId("confirm-revoke-ok").ClickAsync();
        await Expect(page.GetByTestId("endpoint-message")).ToContainTextAsync($"Đã thu hồi khoá của {id}");

        // Revoking again reports that it was already revoked: the registry kept the first revocation.
        await page.GetByTestId("revoke").ClickAsync();
        await page.GetByTestId("confirm-revoke-ok").ClickAsync();
        await Expect(page.GetByTestId("endpoint-message")).ToContainTextAsync("đã bị thu hồi từ trước");
        console.AssertNoScriptErrors();
    }
}
