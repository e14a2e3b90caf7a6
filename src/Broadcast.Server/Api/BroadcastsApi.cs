using Broadcast.Controller.Broadcasts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Broadcast.Server.Api;

internal static class BroadcastsApi
{
    public static IEndpointRouteBuilder MapBroadcastsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/broadcasts");
        group.MapGet("/", (BroadcastManager broadcasts) => TypedResults.Ok(broadcasts.List()));
        group.MapGet("/{id:long}", Results<Ok<BroadcastInfo>, ProblemHttpResult> (long id, BroadcastManager broadcasts) =>
            broadcasts.Find(id) is { } info ? TypedResults.Ok(info) : NotFound(id));
        group.MapPost("/", StartAsync);
        group.MapDelete("/{id:long}", Results<NoContent, ProblemHttpResult> (long id, BroadcastManager broadcasts) =>
            broadcasts.Stop(id) ? TypedResults.NoContent() : NotFound(id));
        return app;
    }

    private static async Task<Results<Created<BroadcastInfo>, ProblemHttpResult>> StartAsync(StartBroadcastBody body, BroadcastManager broadcasts, CancellationToken cancellationToken)
    {
        var priorityText = string.IsNullOrWhiteSpace(body.Priority) ? "district" : body.Priority;
        if (!Enum.TryParse<BroadcastPriority>(priorityText, ignoreCase: true, out var priority) || !Enum.IsDefined(priority) || int.TryParse(priorityText, out _))
        {
            return TypedResults.Problem($"unknown priority '{priorityText}': use emergency, district, commune or background", statusCode: StatusCodes.Status400BadRequest);
        }

        var outcome = await broadcasts.StartBroadcastAsync(new BroadcastRequest(body.Programme ?? string.Empty, body.Target ?? string.Empty, priority), cancellationToken);
        return outcome.Broadcast is { } info
            ? TypedResults.Created($"/api/broadcasts/{info.Id}", info)
            : TypedResults.Problem(outcome.Error, statusCode: outcome.Failure == StartFailure.Refused ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest);
    }

    private static ProblemHttpResult NotFound(long id) =>
        TypedResults.Problem($"no active broadcast {id}; GET /api/broadcasts lists the active ones", statusCode: StatusCodes.Status404NotFound);
}
