using Broadcast.Accounts.Authorization;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Broadcast.Accounts.Tests;

public class PermissionTableTests
{
    [Theory]
    [InlineData("/api/broadcasts/", "/api/broadcasts")]
    [InlineData("/api/broadcasts/{id:long}", "/api/broadcasts/{}")]
    [InlineData("/API/Endpoints/{id}/Revoke", "/api/endpoints/{}/revoke")]
    [InlineData("/openapi/{documentName}.json", "/openapi/{}.json")]
    [InlineData("/api/x/{id:regex(^a{{2}}/b$)}", "/api/x/{}")]
    public void Normalize_WritesParametersAsBraces(string raw, string expected) =>
        Assert.Equal(expected, PermissionTable.Normalize(RoutePatternFactory.Parse(raw)));

    [Theory]
    [InlineData("POST", "/api/broadcasts", Permission.Broadcast)]
    [InlineData("GET", "/api/broadcasts/{}", Permission.Read)]
    [InlineData("DELETE", "/api/broadcasts/{}", Permission.Broadcast)]
    [InlineData("POST", "/api/broadcasts/{}/pause", Permission.Broadcast)]
    [InlineData("POST", "/api/programmes/{}/approve", Permission.ProgrammeApprove)]
    [InlineData("DELETE", "/api/programmes/{}", Permission.ProgrammeManage)]
    [InlineData("POST", "/api/programmes", Permission.ProgrammeUpload)]
    [InlineData("GET", "/api/audit/export", Permission.AuditRead)]
    [InlineData("DELETE", "/api/accounts/{}", Permission.AccountsManage)]
    [InlineData("POST", "/api/endpoints/{}/volume", Permission.EndpointsManage)]
    [InlineData("POST", "/api/queue/{}/next", Permission.Queue)]
    [InlineData("POST", "/api/auth/login", Permission.Anonymous)]
    public void Match_FindsTheRule(string method, string pattern, Permission expected) =>
        Assert.Equal(expected, PermissionTable.Match(method, pattern)?.Permission);

    [Theory]
    [InlineData("POST", "/api/newsletters")]
    [InlineData("GET", "/api/broadcastsx")]
    [InlineData("POST", "/api/broadcasts/emergency")]
    [InlineData("POST", "/api/slots")]
    [InlineData("DELETE", "/api/auth/me")]
    [InlineData("GET", "/")]
    public void Match_NoRule_Null(string method, string pattern) =>
        Assert.Null(PermissionTable.Match(method, pattern));

    [Theory]
    [InlineData("emergency", true)]
    [InlineData(" Emergency ", true)]
    [InlineData("commune, district", true)]
    [InlineData("3", true)]
    [InlineData("district", false)]
    [InlineData("nonsense", false)]
    public void ParsePriority_SeesEmergencyAsTheHandlerWould(string text, bool emergency) =>
        Assert.Equal(emergency, RequestScopeGate.ParsePriority(text) == Broadcast.Controller.Broadcasts.BroadcastPriority.Emergency);
}
