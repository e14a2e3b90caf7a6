using Broadcast.Audit;
using Broadcast.Controller.Mqtt;
using Broadcast.Controller.Topology;
using Broadcast.Protocol.Identity;
using Microsoft.Extensions.Options;

namespace Broadcast.Controller.Registry;

/// <summary>What a technician asks a running controller to provision; unset place and binding come from the topology.</summary>
public sealed record ProvisionRequest(string Id, string? Commune = null, string? Hamlet = null, string? Bind = null, bool Replace = false, string? ControllerMqttUrl = null);

/// <summary>Provisioning's answer: the registration and the credentials file content (holds the endpoint's private key).</summary>
public sealed record ProvisionResult(EndpointRegistration? Registration, byte[]? Credentials, int Status, string? Error);

/// <summary>
/// <c>bcast endpoint provision --server URL</c>: provisions into the running controller's own registry (so the new key
/// works at once, with no file watcher involved) and returns the credentials instead of writing them on the
/// controller's disk.
/// </summary>
internal sealed class EndpointProvisioning(JsonEndpointRegistry registry, ControllerIdentity identity, TopologyIndex topology, IOptions<BrokerOptions> broker, IAuditTrail? audit = null)
{
    private readonly Lock _gate = new();

    public ProvisionResult Provision(ProvisionRequest request, string actor)
    {
        ArgumentNullException.ThrowIfNull(request);
        var placement = string.IsNullOrWhiteSpace(request.Id) ? null : topology.FindCluster(request.Id);
        var bind = request.Bind ?? placement?.Cluster.Bind;
        if (bind is null)
        {
            return Fail(request, actor, 400, $"bind: endpoint '{request.Id}' is not in the topology {topology.Source}; give the address it is bound to (e.g. 10.20.3.15/32)");
        }

        var url = request.ControllerMqttUrl ?? $"mqtt://{broker.Value.Host}:{broker.Value.Port}";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var mqtt))
        {
            return Fail(request, actor, 400, $"controllerMqttUrl: '{url}' is not a URL such as mqtt://10.0.0.1:1883");
        }

        try
        {
            (EndpointRegistration Registration, byte[] Credentials) made;
            lock (_gate)
            {
                made = new EndpointProvisioner(registry, identity, topology.District, mqtt)
                    .ProvisionToMemory(request.Id, request.Commune ?? placement?.Commune.Name ?? string.Empty, request.Hamlet ?? placement?.Hamlet.Name ?? string.Empty, bind, request.Replace);
            }

            audit?.Append(new AuditEvent(actor, AuditActions.EndpointProvision, made.Registration.Id, "ok", [made.Registration.Id], Communes(made.Registration.Commune), $"bound to {made.Registration.Binding}{(request.Replace ? ", replacing an earlier key" : string.Empty)}"));
            return new ProvisionResult(made.Registration, made.Credentials, 201, null);
        }
        catch (ArgumentException ex)
        {
            return Fail(request, actor, 400, ex.Message.Split(" (Parameter", 2)[0]);
        }
        catch (InvalidOperationException ex)
        {
            return Fail(request, actor, 409, ex.Message);
        }
        catch (IOException ex)
        {
            return Fail(request, actor, 500, $"{registry.FilePath} could not be saved: {ex.Message}; the new key works in the running controller only, until a restart: fix the disk and provision again with replace");
        }
    }

    private ProvisionResult Fail(ProvisionRequest request, string actor, int status, string error)
    {
        audit?.Append(new AuditEvent(actor, AuditActions.EndpointProvision, request.Id ?? string.Empty, "refused", [request.Id ?? string.Empty], null, error));
        return new ProvisionResult(null, null, status, error);
    }

    private static string[]? Communes(string commune) => string.IsNullOrEmpty(commune) ? null : [commune];
}
