using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Broadcast.Server.Tests.Accounts;

/// <summary>Commune scope and the emergency permission, enforced centrally on the real host.</summary>
[Collection(AccountsHostCollection.Name)]
public sealed class ScopeEnforcementTests(AccountsHostFixture host)
{
    [Fact]
    public async Task CommuneEditor_TargetingAnotherCommunesHamlet_403WithTheReason()
    {
        using var editor = host.ClientAs("editor");

        using var response = await editor.PostAsJsonAsync("/api/broadcasts", new { programme = "news.opus", target = "hamlet:thi-tran-bat-xat-01", priority = "commune" });

        var problem = await ProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Equal("out-of-scope", problem.GetProperty("code").GetString());
        Assert.Equal("commune editor of Y Tý cannot target hamlet Thôn Bản Cang of Thị trấn Bát Xát", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("/api/broadcasts")]
    [InlineData("/api/queue")]
    [InlineData("/api/schedules")]
    [InlineData("/api/volume")]
    public async Task CommuneEditor_WholeDistrict_403OnEveryTargetedRoute(string path)
    {
        using var editor = host.ClientAs("editor");

        using var response = await editor.PostAsJsonAsync(path, new { programme = "news.opus", target = "all", priority = "commune", volume = 50 });

        var problem = await ProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Contains("cannot target the whole district", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task CommuneEditor_OwnCommune_PassesToTheHandler()
    {
        using var editor = host.ClientAs("editor");

        using var response = await editor.PostAsJsonAsync("/api/broadcasts", new { programme = "no-such-programme.opus", target = "hamlet:y-ty-02", priority = "commune" });

        // The handler's own answer about the missing programme: the access check let it through.
        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("no-such-programme", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("district", "priority")]
    [InlineData("emergency", "emergency-permission")]
    [InlineData(null, "priority")]
    public async Task CommuneEditor_AboveCommunePriority_403(string? priority, string code)
    {
        using var editor = host.ClientAs("editor");

        using var response = await editor.PostAsJsonAsync("/api/broadcasts", new { programme = "news.opus", target = "commune:Y Tý", priority });

        Assert.Equal(code, (await ProblemAsync(response, HttpStatusCode.Forbidden)).GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("emergency")]
    [InlineData("Emergency")]
    [InlineData("commune, district")]
    public async Task Operator_EmergencyWithoutThePermission_403(string priority)
    {
        using var operatorClient = host.ClientAs("operator");

        using var response = await operatorClient.PostAsJsonAsync("/api/broadcasts", new { programme = "news.opus", target = "all", priority });

        var problem = await ProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Equal("emergency-permission", problem.GetProperty("code").GetString());
        Assert.Contains("operator does not hold it", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Operator_EmergencyWithThePermission_PassesToTheHandler()
    {
        using var client = host.ClientAs("emergency-operator");

        using var response = await client.PostAsJsonAsync("/api/broadcasts", new { programme = "no-such-programme.opus", target = "all", priority = "emergency" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"target":"commune:Y Tý","TARGET":"all","priority":"commune","programme":"x.opus"}""", HttpStatusCode.Forbidden)]
    [InlineData("""{"Target":"all","target":"commune:Y Tý","priority":"commune","programme":"x.opus"}""", HttpStatusCode.BadRequest)]
    public async Task DuplicateFields_TheLastOneCounts_AsTheHandlerReadsIt(string body, HttpStatusCode expected)
    {
        using var editor = host.ClientAs("editor");

        using var response = await editor.PostAsync(new Uri("/api/broadcasts", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task CommuneEditor_NotJson_TheFrameworks415_NoHandlerRuns()
    {
        using var editor = host.ClientAs("editor");

        using var response = await editor.PostAsync(new Uri("/api/broadcasts", UriKind.Relative), new StringContent("target=all", Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Anonymous_WrongMethodOnARealRoute_StillNeedsASession()
    {
        using var anonymous = host.Client();

        using var response = await anonymous.PutAsJsonAsync("/api/broadcasts", new { target = "all" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("?commune=Y%20T%C3%BD", HttpStatusCode.OK)]
    [InlineData("?commune=y-ty", HttpStatusCode.OK)]
    [InlineData("?commune=A%20L%C3%B9", HttpStatusCode.Forbidden)]
    [InlineData("?commune=y-ty&commune=a-lu", HttpStatusCode.Forbidden)]
    [InlineData("", HttpStatusCode.Forbidden)]
    public async Task CommuneApprover_ReadsTheAuditOfOwnCommunesOnly(string query, HttpStatusCode expected)
    {
        using var approver = host.ClientAs("commune-approver");

        using var response = await approver.GetAsync(new Uri("/api/audit" + query, UriKind.Relative));

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Viewer_Write_403NamesTheRolesThatMay()
    {
        using var viewer = host.ClientAs("viewer");

        using var response = await viewer.PostAsJsonAsync("/api/endpoints/BX-YT-01/revoke", new { });

        var detail = (await ProblemAsync(response, HttpStatusCode.Forbidden)).GetProperty("detail").GetString();
        Assert.Contains("viewer (role Viewer) may not POST /api/endpoints/{id}/revoke", detail);
        Assert.Contains("Technician, Admin", detail);
    }

    internal static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
