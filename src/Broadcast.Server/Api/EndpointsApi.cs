using Broadcast.Controller.Broadcasts;
using Broadcast.Controller.Hosting;
using Broadcast.Controller.Registry;
using Broadcast.Controller.Sessions;
using Broadcast.Controller.Topology;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Broadcast.Server.Api;

internal static class EndpointsApi
{
    public static IEndpointRouteBuilder MapEndpointsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/endpoints");
        group.MapGet("/", List);
        group.MapGet("/{id}", Results<Ok<EndpointView>, ProblemHttpResult> (string id, SessionTable sessions, BroadcastManager broadcasts) =>
            sessions.Find(id) is { } record
                ? TypedResults.Ok(ToView(record, broadcasts))
                : TypedResults.Problem($"unknown endpoint '{id}': not in the topology and never connected", statusCode: StatusCodes.Status404NotFound));
        group.MapPost("/{id}/revoke", Revoke);
        group.MapPost("/{id}/volume", Results<Ok<VolumeOutcome>, ProblemHttpResult> (string id, VolumeBody body, SessionTable sessions, BroadcastManager broadcasts) =>
            !VolumeBody.TryLevel(body, out var level, out var problem) ? problem
            : sessions.Find(id) is null ? TypedResults.Problem($"unknown endpoint '{id}': not in the topology and never connected", statusCode: StatusCodes.Status404NotFound)
            : SetVolume(broadcasts, [id], level, $"cluster:{id}"));
        app.MapGet("/api/volume", (EndpointVolumes volumes, IOptions<ControllerOptions> options) =>
            TypedResults.Ok(new VolumesView(options.Value.DefaultVolume, options.Value.EmergencyVolume, volumes.All())));
        app.MapPost("/api/volume", Results<Ok<VolumeOutcome>, ProblemHttpResult> (VolumeBody body, TopologyIndex topology, BroadcastManager broadcasts) =>
        {
            if (!VolumeBody.TryLevel(body, out var level, out var problem))
            {
                return problem;
            }

            var targets = topology.Resolve(body.Target);
            return targets.IsOk
                ? SetVolume(broadcasts, targets.ClusterIds, level, body.Target!)
                : TypedResults.Problem(targets.Error, statusCode: StatusCodes.Status400BadRequest);
        });
        return app;
    }

    private static Results<Ok<VolumeOutcome>, ProblemHttpResult> SetVolume(BroadcastManager broadcasts, IReadOnlyList<string> ids, byte level, string target)
    {
        try
        {
            return TypedResults.Ok(broadcasts.SetVolume(ids, level, target));
        }
        catch (IOException ex)
        {
            return TypedResults.Problem($"volume {level} is set for {ids.Count} endpoints until the controller restarts, but it could not be saved: {ex.Message}", statusCode: StatusCodes.Status500InternalServerError);
        }
    }

    /// <summary>
    /// Protocol section 10 against the running controller: marks the registration revoked, saves endpoints.json, and
    /// at once sends Bye(revoked), drops the session and rekeys the endpoint's channels without it.
    /// </summary>
    private static Results<Ok<RevokeView>, ProblemHttpResult> Revoke(string id, EndpointRevocation revocation, Broadcast.Accounts.ICurrentUser user, HttpContext context)
    {
        var caller = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var outcome = revocation.Revoke(id, $"API POST /api/endpoints/{id}/revoke from {caller}", user.Name);
        if (outcome is null)
        {
            return TypedResults.Problem($"endpoint '{id}' is not in the registry {revocation.RegistryPath}", statusCode: StatusCodes.Status404NotFound);
        }

        if (outcome.SaveError is { } error)
        {
            return TypedResults.Problem(
                $"endpoint '{id}' is revoked in the running controller (Bye sent, session dropped, channels rekeyed) but {revocation.RegistryPath} could not be saved: {error}; it would be active again after a restart",
                statusCode: StatusCodes.Status500InternalServerError);
        }

        return TypedResults.Ok(new RevokeView(outcome.Id, Revoked: true, outcome.AlreadyRevoked, outcome.Applied));
    }

    /// <summary>
    /// The whole district as one array (what the console's dashboard and scripts read: 302 entries for Bát Xát), or,
    /// with <c>?page=&amp;pageSize=</c>, one page in the paging shape of the other lists, in endpoint id order.
    /// </summary>
    private static IResult List(int? page, int? pageSize, SessionTable sessions, BroadcastManager broadcasts)
    {
        var all = sessions.All.Select(r => ToView(r, broadcasts)).ToList();
        if (page is null && pageSize is null)
        {
            return TypedResults.Ok(all);
        }

        if (!Conventions.PageRequest.TryCreate(page, pageSize, out var request, out var problem))
        {
            return problem!;
        }

        return TypedResults.Ok(request.Of([.. all.OrderBy(e => e.Id, StringComparer.Ordinal)]));
    }

    private static EndpointView ToView(EndpointRecord r, BroadcastManager broadcasts)
    {
        var status = r.LastStatus;
        return new EndpointView(
            r.Id, r.Commune, r.Hamlet, r.Online, r.Address?.ToString(), r.Route?.EndPoint.ToString(), r.Transport,
            broadcasts.ChannelOn(r.Id), status?.Volume, status?.BufferMs, status?.LossPerTenThousand, r.LastSeen);
    }
}

/// <summary>Answer of <c>POST /api/endpoints/{id}/revoke</c>: <c>applied</c> is true when the running controller carried the revocation out now.</summary>
internal sealed record RevokeView(string Id, bool Revoked, bool AlreadyRevoked, bool Applied);

/// <summary>Body of the volume requests: <c>{"volume": 60}</c>, and for <c>POST /api/volume</c> a <c>"target"</c> expression.</summary>
internal sealed record VolumeBody(int? Volume, string? Target)
{
    /// <summary>The volume as the Command byte carries it (0-100), or a 400 problem naming the field.</summary>
    public static bool TryLevel(VolumeBody? body, out byte level, out ProblemHttpResult problem)
    {
        level = 0;
        problem = null!;
        if (body?.Volume is not { } volume || volume is < 0 or > 100)
        {
            problem = TypedResults.Problem($"\"volume\" must be a whole number from 0 to 100 (got {body?.Volume?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "nothing"})", statusCode: StatusCodes.Status400BadRequest);
            return false;
        }

        level = (byte)volume;
        return true;
    }
}

/// <summary>Answer of <c>GET /api/volume</c>: the volumes set per endpoint, and what the others and emergencies play at.</summary>
internal sealed record VolumesView(int DefaultVolume, int EmergencyVolume, IReadOnlyDictionary<string, byte> Endpoints);
