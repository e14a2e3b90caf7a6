using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Broadcast.Protocol.Identity;
using Broadcast.Tests.Common;

namespace Broadcast.Server.Tests;

/// <summary>
/// <c>POST /api/endpoints</c> (what <c>bcast endpoint provision --server</c> calls): the key works at once in the running
/// controller, place and binding come from the topology, and refusals name the field.
/// </summary>
public sealed class EndpointProvisioningApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string NewId = "BX-BX-04";

    [Fact]
    public async Task Provision_TopologyCluster_CredentialsFromTopologyAndHandshakeWorksAtOnce()
    {
        var response = await server.Http.PostAsJsonAsync("/api/endpoints", new { id = NewId });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var credentials = body.GetProperty("credentials");

        // Independent of the controller's answer: the topology file says where this cluster is and what it is bound to.
        using var topology = JsonDocument.Parse(File.ReadAllBytes(RepoPaths.BatXatTopology));
        var expectedBind = FindCluster(topology.RootElement, NewId).GetProperty("bind").GetString();
        Assert.Equal(expectedBind, credentials.GetProperty("binding").GetString());
        Assert.Equal(NewId, credentials.GetProperty("endpointId").GetString());
        Assert.Equal(server.ControllerPublicKey.ToBase64(), credentials.GetProperty("controllerPublicKey").GetString());

        using var key = StaticKeyPair.FromPrivateKey(Convert.FromBase64String(credentials.GetProperty("endpointPrivateKey").GetString()!));
        Assert.Equal(body.GetProperty("publicKey").GetString(), key.PublicKey.ToBase64());
        var address = IPAddress.Parse(expectedBind!.Split('/')[0]);
        await using var endpoint = await FakeEndpoint.ConnectAsync(NewId, address, server.MqttPort);
        using var session = await endpoint.HandshakeAsync(key, server.ControllerPublicKey, TimeSpan.FromSeconds(10));
        Assert.NotNull(session);

        var again = await server.Http.PostAsJsonAsync("/api/endpoints", new { id = NewId });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("already provisioned", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Provision_UnknownIdWithoutBind_400NamesBind()
    {
        var response = await server.Http.PostAsJsonAsync("/api/endpoints", new { id = "LAB-99" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("bind:", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Provision_BadBinding_400()
    {
        var response = await server.Http.PostAsJsonAsync("/api/endpoints", new { id = "LAB-98", bind = "not-an-address" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not-an-address", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static JsonElement FindCluster(JsonElement element, string id)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            if (element.TryGetProperty("id", out var found) && found.GetString() == id && element.TryGetProperty("bind", out _))
            {
                return element;
            }

            foreach (var property in element.EnumerateObject())
            {
                if (FindCluster(property.Value, id) is { ValueKind: JsonValueKind.Object } hit)
                {
                    return hit;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                if (FindCluster(item, id) is { ValueKind: JsonValueKind.Object } hit)
                {
                    return hit;
                }
            }
        }

        return default;
    }
}
