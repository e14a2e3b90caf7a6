using Broadcast.Accounts;
using Broadcast.Controller.Broadcasts;
using Broadcast.Controller.Queue;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Broadcast.Server.Api;

/// <summary>
/// Operator play queues: <c>GET /api/queue[?target=]</c>, <c>POST /api/queue</c> (append, next or now),
/// <c>POST /api/queue/skip</c>, <c>POST /api/queue/items/{id}/move</c>, <c>DELETE /api/queue/items/{id}</c>.
/// </summary>
internal static class QueueApi
{
    public static IEndpointRouteBuilder MapQueueApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/queue");
        group.MapGet("/", async (string? target, PlayQueue queue, CancellationToken ct) => TypedResults.Ok(await queue.ListAsync(target, ct)));
        group.MapPost("/", AddAsync);
        group.MapPost("/skip", async Task<Results<Ok<QueueView>, ProblemHttpResult>> (QueueTargetBody body, PlayQueue queue, ICurrentUser user, CancellationToken ct) =>
            ToResult(await queue.SkipAsync(body.Target ?? string.Empty, user.Name, ct)));
        group.MapPost("/items/{id:long}/move", async Task<Results<Ok<QueueView>, ProblemHttpResult>> (long id, QueueMoveBody body, PlayQueue queue, ICurrentUser user, CancellationToken ct) =>
            ToResult(await queue.MoveAsync(id, body.Position, user.Name, ct)));
        group.MapDelete("/items/{id:long}", async Task<Results<Ok<QueueView>, ProblemHttpResult>> (long id, PlayQueue queue, ICurrentUser user, CancellationToken ct) =>
            ToResult(await queue.RemoveAsync(id, user.Name, ct)));
        return app;
    }

    private static async Task<Results<Ok<QueueView>, ProblemHttpResult>> AddAsync(QueueAddBody body, PlayQueue queue, ICurrentUser user, CancellationToken ct)
    {
        if (!Enum.TryParse<QueuePosition>(body.Position ?? "append", ignoreCase: true, out var position) || !Enum.IsDefined(position) || int.TryParse(body.Position, out _))
        {
            return TypedResults.Problem($"position: '{body.Position}' is not append, next or now", statusCode: StatusCodes.Status400BadRequest);
        }

        var priorityText = string.IsNullOrWhiteSpace(body.Priority) ? "district" : body.Priority;
        if (!Enum.TryParse<BroadcastPriority>(priorityText, ignoreCase: true, out var priority) || !Enum.IsDefined(priority) || int.TryParse(priorityText, out _))
        {
            return TypedResults.Problem($"priority: '{priorityText}' is not emergency, district, commune or background", statusCode: StatusCodes.Status400BadRequest);
        }

        return ToResult(await queue.AddAsync(body.Target ?? string.Empty, body.Programme ?? string.Empty, priority, position, user.Name, ct));
    }

    private static Results<Ok<QueueView>, ProblemHttpResult> ToResult(QueueResult result) =>
        result.Queue is { } view ? TypedResults.Ok(view) : TypedResults.Problem(result.Error, statusCode: result.Status);
}

/// <summary>Body of <c>POST /api/queue</c>: <c>position</c> is append (default), next or now.</summary>
internal sealed record QueueAddBody(string? Target, string? Programme, string? Priority, string? Position);

internal sealed record QueueTargetBody(string? Target);

internal sealed record QueueMoveBody(int Position);
