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
        group.MapPost("/{id:long}/pause", Results<Ok<BroadcastInfo>, ProblemHttpResult> (long id, BroadcastManager broadcasts) =>
            broadcasts.Pause(id) is { } info ? TypedResults.Ok(info) : NotFound(id));
        group.MapPost("/{id:long}/resume", Results<Ok<BroadcastInfo>, ProblemHttpResult> (long id, BroadcastManager broadcasts) =>
            broadcasts.Resume(id) is { } info ? TypedResults.Ok(info) : NotFound(id));
        group.MapPost("/{id:long}/volume", Results<Ok<BroadcastInfo>, ProblemHttpResult> (long id, VolumeBody body, BroadcastManager broadcasts) =>
            !VolumeBody.TryLevel(body, out var level, out var problem) ? problem
            : broadcasts.SetBroadcastVolume(id, level) is { } info ? TypedResults.Ok(info) : NotFound(id));
        return app;
    }

    private static async Task<Results<Created<BroadcastInfo>, ProblemHttpResult>> StartAsync(BroadcastStartBody body, BroadcastManager broadcasts, Broadcast.Accounts.ICurrentUser user, CancellationToken cancellationToken)
    {
        var priorityText = string.IsNullOrWhiteSpace(body.Priority) ? "district" : body.Priority;
        if (!Enum.TryParse<BroadcastPriority>(priorityText, ignoreCase: true, out var priority) || !Enum.IsDefined(priority) || int.TryParse(priorityText, out _))
        {
            return TypedResults.Problem($"unknown priority '{priorityText}': use emergency, district, commune or background", statusCode: StatusCodes.Status400BadRequest);
        }

        if (body.Live is not null && !string.IsNullOrWhiteSpace(body.Programme))
        {
            return TypedResults.Problem("give either \"programme\" (a recorded programme) or \"live\" (a live input), not both", statusCode: StatusCodes.Status400BadRequest);
        }

        var request = new BroadcastRequest(body.Programme ?? string.Empty, body.Target ?? string.Empty, priority) { LiveSource = body.Live, Actor = user.Name };
        var outcome = await broadcasts.StartBroadcastAsync(request, cancellationToken);
        return outcome.Broadcast is { } info
            ? TypedResults.Created($"/api/broadcasts/{info.Id}", info)
            : TypedResults.Problem(outcome.Error, statusCode: outcome.Failure == StartFailure.Refused ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest);
    }

    private static ProblemHttpResult NotFound(long id) =>
        TypedResults.Problem($"no active broadcast {id}; GET /api/broadcasts lists the active ones", statusCode: StatusCodes.Status404NotFound);
}

/// <summary>
/// Body of <c>POST /api/broadcasts</c>: <c>{"programme": "news.opus", "target": "commune:Y Tý", "priority": "district"}</c>
/// or, for a live relay, <c>{"live": "http://studio.local:8000/district", "target": "all", "priority": "district"}</c>.
/// </summary>
internal sealed record BroadcastStartBody(string? Programme, string? Target, string? Priority, string? Live);
