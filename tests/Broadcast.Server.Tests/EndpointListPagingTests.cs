using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Broadcast.Tests.Common;
using Broadcast.Topology;

namespace Broadcast.Server.Tests;

/// <summary><c>GET /api/endpoints</c> pages on request; without paging parameters it stays the whole district.</summary>
public sealed class EndpointListPagingTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Pages_CoverTheWholeDistrictOnceInIdOrder()
    {
        var expected = TopologyLoader.Load(RepoPaths.BatXatTopology).Clusters.Select(p => p.Cluster.Id).Order(StringComparer.Ordinal).ToList();
        var seen = new List<string>();
        for (var page = 1; ; page++)
        {
            var body = await server.Http.GetFromJsonAsync<JsonElement>($"/api/endpoints?page={page}&pageSize=100");
            Assert.Equal(expected.Count, body.GetProperty("total").GetInt32());
            seen.AddRange(body.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetString()!));
            if (!body.GetProperty("hasMore").GetBoolean())
            {
                break;
            }
        }

        Assert.Equal(expected, seen);
        var whole = await server.Http.GetFromJsonAsync<JsonElement>("/api/endpoints");
        Assert.Equal(expected.Count, whole.GetArrayLength());
    }

    [Fact]
    public async Task BadPageSize_400NamesIt()
    {
        var response = await server.Http.GetAsync(new Uri("/api/endpoints?pageSize=0", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("pageSize=0", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
