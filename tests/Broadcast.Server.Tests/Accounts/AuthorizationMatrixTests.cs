using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Broadcast.Server.Tests.Accounts;

/// <summary>
/// Every role against every endpoint the running host actually maps (read from its EndpointDataSource, so a new
/// endpoint is tested the day it appears). The expectations are this file's own copy of the matrix in
/// docs/accounts.md, written by family of routes; an endpoint that belongs to no family fails the test until the
/// matrix says who may call it.
/// </summary>
[Collection(AccountsHostCollection.Name)]
public sealed partial class AuthorizationMatrixTests(AccountsHostFixture host)
{
    private const string Anonymous = "anonymous";

    private static readonly string[] SignedIn = ["viewer", "technician", "editor", "approver", "commune-approver", "operator", "emergency-operator", "admin"];
    private static readonly string[] Operators = ["operator", "emergency-operator", "admin"];

    // Codes of the central check (a handler's own 403, such as a wrong current password, is not a denial by role).
    private static readonly HashSet<string> CentralCodes = ["not-authenticated", "forbidden", "no-rule", "password-change-required", "csrf", "out-of-scope", "priority", "emergency-permission"];

    // The matrix, most specific family first: who may call each family. The body below stays inside the editor's
    // commune at commune priority, so scope never decides a cell, except where a commune-scoped persona's access
    // depends on the stored item a route names (the last column): those cells are left to the scope tests.
    private static readonly Family[] Matrix =
    [
        new("sign in", (m, r) => m == "POST" && r == "/api/auth/login", [.. SignedIn, Anonymous]),
        new("API description", (m, r) => m == "GET" && (r.StartsWith("/openapi/", StringComparison.Ordinal) || Under(r, "/api/reference")), [.. SignedIn, Anonymous]),
        new("own session", (m, r) => r is "/api/auth/logout" or "/api/auth/password" or "/api/auth/me", SignedIn),
        new("user management", (m, r) => Under(r, "/api/accounts"), ["admin"]),
        new("audit trail", (m, r) => m == "GET" && (Under(r, "/api/audit") || r == "/api/audit.csv"), ["technician", "approver", .. Operators]),
        new("endpoint provisioning", (m, r) => m != "GET" && Under(r, "/api/endpoints"), ["technician", "admin"]),
        new("alert acknowledgement", (m, r) => m == "POST" && Regex.IsMatch(r, "^/api/alerts/{[^}]+}/ack$"), ["technician", .. Operators]),
        new("approval", (m, r) => m == "POST" && Regex.IsMatch(r, "^/api/(programmes|bulletins)/{[^}]+}/(approve|reject|review)$"), ["approver", "admin"], ["commune-approver"]),
        new("upload", (m, r) => m == "POST" && r is "/api/programmes" or "/api/bulletins" or "/api/bulletins/tts" or "/api/tts", ["editor", .. Operators]),
        new("library changes", (m, r) => m != "GET" && (Under(r, "/api/programmes") || Under(r, "/api/bulletins")), Operators, ["editor"]),
        new("on air", (m, r) => m != "GET" && (Under(r, "/api/broadcasts") || Under(r, "/api/schedules") || Under(r, "/api/queue")), ["editor", .. Operators]),
        new("volume", (m, r) => m != "GET" && r == "/api/volume", ["technician", "editor", .. Operators]),
        new("reading state", (m, r) => m == "GET" && r.StartsWith("/api/", StringComparison.Ordinal), SignedIn),
    ];

    [Fact]
    public async Task EveryRoleAgainstEveryEndpoint_MatchesTheMatrix()
    {
        var routes = host.App.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Method: m, Route: Route(e))))
            .Distinct()
            .OrderBy(x => x.Route, StringComparer.Ordinal).ThenBy(x => x.Method, StringComparer.Ordinal)
            .ToList();
        Assert.True(routes.Count >= 25, $"only {routes.Count} routes found; is the host mapping its APIs?");

        var mismatches = new List<string>();
        foreach (var (method, route) in routes)
        {
            var family = Matrix.FirstOrDefault(f => f.Matches(method, route));
            if (family is null)
            {
                mismatches.Add($"{method} {route}: in no family of the matrix; say who may call it in docs/accounts.md and in this test");
                continue;
            }

            foreach (var persona in SignedIn.Append(Anonymous).Except(family.DependsOnItem))
            {
                var allowedExpected = family.Allowed.Contains(persona);
                var (status, code, detail) = await CallAsync(persona, method, route);
                var denied = status == HttpStatusCode.Unauthorized || (status == HttpStatusCode.Forbidden && code is not null && CentralCodes.Contains(code));
                if (allowedExpected == denied)
                {
                    mismatches.Add($"{persona} {method} {route} ({family.Name}): expected {(allowedExpected ? "allowed" : "denied")}, got {(int)status} {code} {detail}");
                }
                else if (denied && persona == Anonymous && status != HttpStatusCode.Unauthorized)
                {
                    mismatches.Add($"anonymous {method} {route}: expected 401, got {(int)status} {code}");
                }
            }
        }

        Assert.True(mismatches.Count == 0, $"{mismatches.Count} cells differ from the matrix:\n" + string.Join('\n', mismatches));
    }

    private async Task<(HttpStatusCode Status, string? Code, string? Detail)> CallAsync(string persona, string method, string route)
    {
        using var client = host.Client();
        if (persona != Anonymous)
        {
            // Logging out ends the session: use one made for this call.
            var token = route == "/api/auth/logout"
                ? await Broadcast.Tests.Common.ApiAuth.LoginAsync(client, persona, persona == "admin" ? Broadcast.Tests.Common.ApiAuth.AdminPassword : AccountsHostFixture.Password)
                : host.Tokens[persona];
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var request = new HttpRequestMessage(new HttpMethod(method), Fill(route));
        if (method != "GET")
        {
            request.Content = new StringContent("""{"target":"commune:Y Tý","commune":"Y Tý","priority":"commune","programme":"matrix-none.opus"}""", Encoding.UTF8, "application/json");
        }

        // Headers only: /api/events is a stream that never ends.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        if (response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden))
        {
            return (response.StatusCode, null, null);
        }

        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(timeout.Token));
        return (response.StatusCode,
            problem.RootElement.TryGetProperty("code", out var c) ? c.GetString() : null,
            problem.RootElement.TryGetProperty("detail", out var d) ? d.GetString() : null);
    }

    private static string Route(RouteEndpoint e)
    {
        var raw = e.RoutePattern.RawText ?? string.Empty;
        raw = raw.Length > 1 ? raw.TrimEnd('/') : raw;
        return (raw.StartsWith('/') ? raw : "/" + raw).ToLowerInvariant();
    }

    private static bool Under(string route, string prefix) => route == prefix || route.StartsWith(prefix + "/", StringComparison.Ordinal);

    // Route values that name nothing: handlers answer 404 or 400 and change nothing.
    private static string Fill(string route) => Parameter().Replace(route, m => m.Groups[1].Value switch
    {
        "id" => "999999",
        "name" => "matrix-nobody",
        "documentname" => "v1",
        _ => "x",
    });

    [GeneratedRegex(@"\{\**([a-zA-Z]+)[^}]*\}")]
    private static partial Regex Parameter();

    private sealed record Family(string Name, Func<string, string, bool> Matches, string[] Allowed, string[]? ItemScoped = null)
    {
        public string[] DependsOnItem => ItemScoped ?? [];
    }
}
