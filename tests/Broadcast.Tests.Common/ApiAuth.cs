using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Broadcast.Tests.Common;

/// <summary>
/// Credentials for tests that start the real controller host: pass <see cref="HostArgument"/> to
/// <c>ServerApp.Build</c> (the first admin then gets <see cref="AdminPassword"/> instead of a one-time password) and
/// call <see cref="AuthorizeAsync"/> on the test's HttpClient once the host has started.
/// </summary>
public static class ApiAuth
{
    public const string AdminUser = "admin";

    /// <summary>Test-only; at least 10 characters as the accounts require.</summary>
    public const string AdminPassword = "test-admin-password-7";

    /// <summary>The host argument that sets the first admin's password.</summary>
    public static string HostArgument => $"--Accounts:InitialAdminPassword={AdminPassword}";

    /// <summary>Logs in (bearer mode) and returns the session token; throws with the controller's answer when refused.</summary>
    public static async Task<string> LoginAsync(HttpClient http, string user = AdminUser, string password = AdminPassword, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var response = await http.PostAsJsonAsync("/api/auth/login", new { user, password }, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"login as {user} refused ({(int)response.StatusCode}): {text}");
        }

        using var json = JsonDocument.Parse(text);
        return json.RootElement.GetProperty("token").GetString()
            ?? throw new InvalidOperationException($"login as {user} returned no token: {text}");
    }

    /// <summary>Logs in and makes every later request of <paramref name="http"/> carry the bearer token.</summary>
    public static async Task<HttpClient> AuthorizeAsync(HttpClient http, string user = AdminUser, string password = AdminPassword, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        var token = await LoginAsync(http, user, password, cancellationToken).ConfigureAwait(false);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }
}
