using System.Text;
using Broadcast.Accounts.Authentication;
using Broadcast.Accounts.Authorization;
using Broadcast.Accounts.Users;
using Microsoft.AspNetCore.Http;

namespace Broadcast.Accounts.Tests;

/// <summary>The part of the central check that reads bodies and asks resource lookups, on a bare HttpContext.</summary>
public class RequestScopeGateTests
{
    private static readonly PermissionRule StopBroadcast = PermissionTable.Match("DELETE", "/api/broadcasts/{}")!;
    private static readonly PermissionRule Start = PermissionTable.Match("POST", "/api/broadcasts")!;

    [Theory]
    [InlineData("all", false)]
    [InlineData("commune:Y Tý", true)]
    [InlineData(null, true)]
    public async Task Resource_TargetOfTheStoredItemDecides(string? storedTarget, bool allowed)
    {
        var gate = Gate(new ResourceTargetRegistration("/api/broadcasts/{}", (_, values, _) => ValueTask.FromResult(values["id"] as string == "7" ? storedTarget : "all")));
        var context = Context("DELETE", null);
        context.Request.RouteValues["id"] = "7";

        var decision = await gate.CheckAsync(context, StopBroadcast, "/api/broadcasts/{}", Editor, RoleGrants.For(Editor, Permission.Broadcast));

        Assert.Equal(allowed, decision.Allowed);
    }

    [Fact]
    public async Task Resource_NoLookupRegistered_CommuneEditorRefusedForLackOfATarget()
    {
        var decision = await Gate().CheckAsync(Context("DELETE", null), StopBroadcast, "/api/broadcasts/{}", Editor, RoleGrants.For(Editor, Permission.Broadcast));

        Assert.Equal("out-of-scope", decision.Code);
        Assert.Contains("shows no target", decision.Reason);
    }

    [Fact]
    public async Task Body_IsRewoundForTheHandler()
    {
        const string body = """{"programme":"a.opus","target":"commune:Y Tý","priority":"background"}""";
        var context = Context("POST", body);

        var decision = await Gate().CheckAsync(context, Start, "/api/broadcasts", Editor, RoleGrants.For(Editor, Permission.Broadcast));

        Assert.True(decision.Allowed, decision.Reason);
        Assert.Equal(body, await new StreamReader(context.Request.Body).ReadToEndAsync());
    }

    [Theory]
    [InlineData("""{"target":["all"],"priority":"commune"}""", "target must be a string")]
    [InlineData("""{"target":"commune:Y Tý",""", "not valid JSON")]
    [InlineData("""["commune:Y Tý"]""", "must be a JSON object")]
    public async Task Body_Unreadable_400(string body, string reason)
    {
        var decision = await Gate().CheckAsync(Context("POST", body), Start, "/api/broadcasts", Editor, RoleGrants.For(Editor, Permission.Broadcast));

        Assert.Equal(400, decision.StatusCode);
        Assert.Contains(reason, decision.Reason);
    }

    [Fact]
    public async Task DistrictOperator_NoTargetNeeded_ButEmergencyStillChecked()
    {
        var operatorUser = ScopeTests.User([Role.DistrictOperator], []);
        var grant = RoleGrants.For(operatorUser, Permission.Broadcast);

        Assert.True((await Gate().CheckAsync(Context("POST", """{"priority":"district"}"""), Start, "/api/broadcasts", operatorUser, grant)).Allowed);
        Assert.Equal("emergency-permission", (await Gate().CheckAsync(Context("POST", """{"priority":"EMERGENCY"}"""), Start, "/api/broadcasts", operatorUser, grant)).Code);
    }

    private static CurrentUser Editor => ScopeTests.User([Role.CommuneEditor], ["y-ty"]);

    private static RequestScopeGate Gate(params ResourceTargetRegistration[] lookups) =>
        new(new Scope.TargetScopeChecker(AccountsTestBed.Topology), new ResourceTargets(lookups));

    private static DefaultHttpContext Context(string method, string? json)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        if (json is not null)
        {
            context.Request.ContentType = "application/json";
            context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(json));
            context.Request.ContentLength = context.Request.Body.Length;
        }

        return context;
    }
}
