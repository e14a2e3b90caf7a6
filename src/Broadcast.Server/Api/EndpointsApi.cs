using Broadcast.Controller.Broadcasts;
using Broadcast.Controller.Registry;
using Broadcast.Controller.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Broadcast.Server.Api;

internal static class EndpointsApi
{
    public static IEndpointRouteBuilder MapEndpointsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/endpoints");
        group.MapGet("/", (SessionTable sessions, BroadcastManager broadcasts) =>
            TypedResults.Ok(sessions.All.Select(r => ToView(r, broadcasts)).ToList()));
        group.MapGet("/{id}", Results<Ok<EndpointView>, ProblemHttpResult> (string id, SessionTable sessions, BroadcastManager broadcasts) =>
            sessions.Find(id) is { } record
                ? TypedResults.Ok(ToView(record, broadcasts))
                : TypedResults.Problem($"unknown endpoint '{id}': not in the topology and never connected", statusCode: StatusCodes.Status404NotFound));
        group.MapPost("/{id}/revoke", Revoke);
        return app;
    }

    /// <summary>
    /// Protocol section 10 against the running controller: marks the registration revoked, saves endpoints.json, and
    /// at once sends Bye(revoked), drops the session and rekeys the endpoint's channels without it.
    /// </summary>
    private static Results<Ok<RevokeView>, ProblemHttpResult> Revoke(string id, EndpointRevocation revocation, HttpContext context)
    {
        var caller = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var outcome = revocation.Revoke(id, $"API POST /api/endpoints/{id}/revoke from {caller}");
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
