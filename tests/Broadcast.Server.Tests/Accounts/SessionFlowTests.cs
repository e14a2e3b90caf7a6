using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Broadcast.Tests.Common;
using Microsoft.Extensions.Options;

namespace Broadcast.Server.Tests.Accounts;

/// <summary>Login, cookie sessions with CSRF, logout, the must-change fence and lockout over HTTP.</summary>
[Collection(AccountsHostCollection.Name)]
public sealed class SessionFlowTests(AccountsHostFixture host)
{
    [Fact]
    public async Task CookieSession_UnsafeMethodNeedsTheCsrfHeader()
    {
        var cookies = new CookieContainer();
        using var client = host.Client(cookies);
        using var login = await client.PostAsJsonAsync("/api/auth/login", new { user = "viewer", password = AccountsHostFixture.Password, mode = "cookie" });
        var answer = await login.Content.ReadFromJsonAsync<JsonElement>();
        var setCookie = Assert.Single(login.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(JsonValueKind.Null, answer.GetProperty("token").ValueKind);
        var csrf = answer.GetProperty("csrf").GetString()!;

        var me = await client.GetFromJsonAsync<JsonElement>("/api/auth/me");
        Assert.Equal("viewer", me.GetProperty("name").GetString());
        Assert.Equal(csrf, me.GetProperty("session").GetProperty("csrf").GetString());

        using var withoutHeader = await client.PostAsync(new Uri("/api/auth/logout", UriKind.Relative), null);
        Assert.Equal("csrf", (await ScopeEnforcementTests.ProblemAsync(withoutHeader, HttpStatusCode.Forbidden)).GetProperty("code").GetString());

        using var wrong = new HttpRequestMessage(HttpMethod.Post, "/api/auth/logout") { Headers = { { "X-Bcast-Csrf", csrf + "x" } } };
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(wrong)).StatusCode);

        using var right = new HttpRequestMessage(HttpMethod.Post, "/api/auth/logout") { Headers = { { "X-Bcast-Csrf", csrf } } };
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(right)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(new Uri("/api/auth/me", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task BearerSession_NeedsNoCsrfAndEndsAtLogout()
    {
        using var client = host.Client();
        var token = await ApiAuth.LoginAsync(client, "technician", AccountsHostFixture.Password);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/endpoints", UriKind.Relative))).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync(new Uri("/api/auth/logout", UriKind.Relative), null)).StatusCode);

        using var after = await client.GetAsync(new Uri("/api/endpoints", UriKind.Relative));
        var problem = await ScopeEnforcementTests.ProblemAsync(after, HttpStatusCode.Unauthorized);
        Assert.Contains("log in again", problem.GetProperty("detail").GetString());
        Assert.Equal("Bearer", after.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task MustChangeUser_MayOnlyChangePasswordOrLogOut()
    {
        using var admin = host.ClientAs("admin");
        using var created = await admin.PostAsJsonAsync("/api/accounts", new { name = "newcomer", roles = new[] { "Viewer" } });
        var oneTime = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("oneTimePassword").GetString()!;
        using var client = host.Client();
        using var login = await client.PostAsJsonAsync("/api/auth/login", new { user = "newcomer", password = oneTime });
        var answer = await login.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(answer.GetProperty("mustChangePassword").GetBoolean());
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", answer.GetProperty("token").GetString());

        foreach (var path in new[] { "/api/endpoints", "/api/auth/me" })
        {
            using var fenced = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal("password-change-required", (await ScopeEnforcementTests.ProblemAsync(fenced, HttpStatusCode.Forbidden)).GetProperty("code").GetString());
        }

        using var changed = await client.PostAsJsonAsync("/api/auth/password", new { currentPassword = oneTime, newPassword = "my-own-secret-1" });
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/endpoints", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Login_FiveWrongPasswords_429WithRetryAfter()
    {
        using var admin = host.ClientAs("admin");
        await AccountsHostFixture.CreateAsync(admin, "unlucky", new { roles = new[] { "Viewer" } });
        using var client = host.Client();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var attempt = await client.PostAsJsonAsync("/api/auth/login", new { user = "unlucky", password = "wrong-guess-" + i });
            statuses.Add(attempt.StatusCode);
        }

        using var right = await client.PostAsJsonAsync("/api/auth/login", new { user = "unlucky", password = AccountsHostFixture.Password });

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, 4), HttpStatusCode.TooManyRequests], statuses);
        var problem = await ScopeEnforcementTests.ProblemAsync(right, HttpStatusCode.TooManyRequests);
        Assert.Contains("locked until", problem.GetProperty("detail").GetString());
        var retryAfter = right.Headers.RetryAfter!.Delta!.Value;
        Assert.InRange(retryAfter, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
    }

    [Fact]
    public async Task Accounts_UnknownRole_400ListsTheRoles()
    {
        using var admin = host.ClientAs("admin");

        using var response = await admin.PostAsJsonAsync("/api/accounts", new { name = "x1", roles = new[] { "Editor" } });

        var detail = (await ScopeEnforcementTests.ProblemAsync(response, HttpStatusCode.BadRequest)).GetProperty("detail").GetString();
        Assert.Contains("unknown role 'Editor'", detail);
        Assert.Contains("CommuneEditor", detail);
    }

    [Fact]
    public async Task Accounts_ListIsPaged()
    {
        using var admin = host.ClientAs("admin");

        var page = await admin.GetFromJsonAsync<JsonElement>("/api/accounts?page=2&pageSize=3");

        Assert.Equal(2, page.GetProperty("number").GetInt32());
        Assert.Equal(3, page.GetProperty("items").GetArrayLength());
        Assert.True(page.GetProperty("total").GetInt32() >= 8);
        Assert.True(page.GetProperty("hasMore").GetBoolean());
        using var bad = await admin.GetAsync(new Uri("/api/accounts?page=0", UriKind.Relative));
        Assert.Contains("page=0", (await ScopeEnforcementTests.ProblemAsync(bad, HttpStatusCode.BadRequest)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Me_ShowsRolesCommunesAndScopedPermissions()
    {
        using var editor = host.ClientAs("editor");

        var me = await editor.GetFromJsonAsync<JsonElement>("/api/auth/me");

        Assert.Equal("CommuneEditor", me.GetProperty("roles")[0].GetString());
        Assert.Equal("y-ty", me.GetProperty("communes")[0].GetProperty("id").GetString());
        Assert.Equal("Y Tý", me.GetProperty("communes")[0].GetProperty("name").GetString());
        Assert.Equal("commune", me.GetProperty("permissions").GetProperty("Broadcast").GetString());
        Assert.Equal("district", me.GetProperty("permissions").GetProperty("Read").GetString());
        Assert.False(me.GetProperty("permissions").TryGetProperty("AccountsManage", out _));
    }

    [Fact]
    public async Task OpenApiAndReference_ReadableWithoutLogin()
    {
        using var anonymous = host.Client();

        var document = await anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        using var reference = await anonymous.GetAsync(new Uri("/api/reference/v1", UriKind.Relative));

        Assert.True(document.GetProperty("paths").TryGetProperty("/api/auth/login", out _));
        Assert.True(document.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("bearer", out _));
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        Assert.Contains("<html", await reference.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task UnknownRoute_SignedIn_404AsProblemDetails()
    {
        using var viewer = host.ClientAs("viewer");

        using var response = await viewer.GetAsync(new Uri("/api/no-such-thing", UriKind.Relative));

        await ScopeEnforcementTests.ProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public void AccountsDisabled_OutsideDevelopment_HostRefusedAtBuild()
    {
        using var data = new TempDirectory();

        var ex = Assert.Throws<OptionsValidationException>(() => ServerApp.Build(
            ["--data-dir", data.Path, "--topology", RepoPaths.BatXatTopology, "--urls", "http://127.0.0.1:0", "--Accounts:Enabled=false"]));

        Assert.Contains("Accounts:Enabled=false is refused in the Production environment", ex.Message);
    }
}
