using Broadcast.Controller.Broadcasts;
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
        return app;
    }

    private static EndpointView ToView(EndpointRecord r, BroadcastManager broadcasts)
    {
        var status = r.LastStatus;
        return new EndpointView(
            r.Id, r.Commune, r.Hamlet, r.Online, r.Address?.ToString(), r.Route?.EndPoint.ToString(), r.Transport,
            broadcasts.ChannelOn(r.Id), status?.Volume, status?.BufferMs, status?.LossPerTenThousand, r.LastSeen);
    }
}
