using System.Net;
using System.Text.Json;
using Broadcast.Audit;
using Broadcast.Monitoring.Alerts;
using Broadcast.Monitoring.Book;
using Broadcast.Monitoring.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Broadcast.Monitoring.Tests;

/// <summary>
/// The alerts API on the real host. Alerts are put in the host's own book directly: the API is what is under test
/// here. The tests share one host (xunit runs them one at a time), so each uses subjects of its own.
/// </summary>
public sealed class AlertsApiTests(AlertsHostFixture host) : IClassFixture<AlertsHostFixture>
{
    private WebApplication App => host.App;

    [Fact]
    public async Task ListAckAndSummary_ThroughTheApi()
    {
        var id = Raise("schedule 41", "Y Tý");
        Raise("schedule 42", "A Lù");

        using var list = await GetJsonAsync("/api/alerts?commune=y-ty", HttpStatusCode.OK);
        var only = Assert.Single(list.RootElement.EnumerateArray());
        Assert.Equal(id, only.GetProperty("id").GetInt64());
        Assert.Equal("SlotMissed", only.GetProperty("kind").GetString());
        Assert.Equal("Open", only.GetProperty("state").GetString());

        using var acked = await PostJsonAsync($"/api/alerts/{id}/ack", HttpStatusCode.OK);
        Assert.Equal("Acknowledged", acked.RootElement.GetProperty("state").GetString());
        Assert.Equal(AuditActors.Local, acked.RootElement.GetProperty("acknowledgedBy").GetString());
        var entry = Assert.Single(App.Services.GetRequiredService<IAuditTrail>().Query(new AuditQuery(Action: MonitoringAuditActions.AlertAcknowledge)));
        Assert.Equal((AuditActors.Local, $"alert {id}"), (entry.Actor, entry.Subject));

        using var open = await GetJsonAsync("/api/alerts?state=open", HttpStatusCode.OK);
        Assert.Equal(["schedule 42"], open.RootElement.EnumerateArray().Select(a => a.GetProperty("subject").GetString()));

        using var summary = await GetJsonAsync("/api/alerts/summary", HttpStatusCode.OK);
        Assert.Equal(1, summary.RootElement.GetProperty("open").GetInt32());
        Assert.Equal(1, summary.RootElement.GetProperty("acknowledged").GetInt32());
        var kind = Assert.Single(summary.RootElement.GetProperty("byKind").EnumerateArray());
        Assert.Equal("SlotMissed", kind.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Ack_UnknownOrResolved_404And409()
    {
        var id = Raise("schedule 43", null);
        Resolve("schedule 43");

        using var missing = await PostJsonAsync($"/api/alerts/{id + 1000}/ack", HttpStatusCode.NotFound);
        using var resolved = await PostJsonAsync($"/api/alerts/{id}/ack", HttpStatusCode.Conflict);

        Assert.Contains("nothing to acknowledge", resolved.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/alerts?state=closed", "state")]
    [InlineData("/api/alerts?state=3", "state")]
    [InlineData("/api/alerts?commune=Atlantis", "commune")]
    [InlineData("/api/alerts?limit=0", "limit")]
    public async Task List_BadParameter_400NamingIt(string url, string parameter)
    {
        using var problem = await GetJsonAsync(url, HttpStatusCode.BadRequest);

        Assert.Equal(parameter, problem.RootElement.GetProperty("parameter").GetString());
    }

    private long Raise(string subject, string? commune)
    {
        var book = App.Services.GetRequiredService<AlertBook>();
        var observation = new Observation(AlertKind.SlotMissed, subject, commune, AlertSeverity.Critical, $"{subject}: slot missed", 1, Holds: true);
        return book.Change(DateTimeOffset.UnixEpoch.AddYears(55), c =>
        {
            c.Apply(observation);
            return c.FindActive(observation.Key)!.Id;
        });
    }

    private void Resolve(string subject) =>
        App.Services.GetRequiredService<AlertBook>().Change(DateTimeOffset.UnixEpoch.AddYears(55), c =>
        {
            c.Apply(Observation.Cleared(AlertKind.SlotMissed, subject));
            return 0;
        });

    private async Task<JsonDocument> GetJsonAsync(string url, HttpStatusCode expected)
    {
        using var response = await host.Http.GetAsync(new Uri(url, UriKind.Relative));
        return await ReadAsync(response, expected);
    }

    private async Task<JsonDocument> PostJsonAsync(string url, HttpStatusCode expected)
    {
        using var response = await host.Http.PostAsync(new Uri(url, UriKind.Relative), null);
        return await ReadAsync(response, expected);
    }

    private static async Task<JsonDocument> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text);
    }
}
