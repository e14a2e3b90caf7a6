using System.Net.Http.Json;
using Broadcast.Tests.Common;

namespace Broadcast.IntegrationTests.Rig;

/// <summary>
/// Emergency priority needs the emergency permission, which an administrator grants to an account (the test admin
/// starts without it): grants it to the test admin and signs in again so the session carries it.
/// </summary>
internal static class EmergencyAccess
{
    public static async Task GrantAsync(HttpClient http)
    {
        using var response = await http.PutAsJsonAsync($"/api/accounts/{ApiAuth.AdminUser}", new { emergencyPermission = true });
        Assert.True(response.IsSuccessStatusCode, $"granting the emergency permission: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        await ApiAuth.AuthorizeAsync(http);
    }
}
