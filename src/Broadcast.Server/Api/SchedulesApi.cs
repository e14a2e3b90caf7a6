using System.Globalization;
using Broadcast.Audit;
using Broadcast.Scheduling.Definitions;
using Broadcast.Scheduling.Schedules;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Broadcast.Server.Api;

/// <summary>
/// Schedules (issue #6): <c>POST /api/schedules</c>, list, show (with the next 10 slots), remove, skip a date, a
/// schedule's slot ledger, and <c>GET /api/slots?from&amp;to</c> for a calendar view. Refusals are problem details:
/// 400 <c>invalid-field</c> whose <c>errors</c> are keyed by field, or 404 <c>not-found</c> whose <c>field</c> names the
/// unknown schedule id or programme (docs/scheduling.md).
/// </summary>
internal static class SchedulesApi
{
    public static IEndpointRouteBuilder MapSchedulesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/schedules");
        group.MapPost("/", AddAsync);
        group.MapGet("/", (ScheduleService schedules) => TypedResults.Ok(schedules.List()));
        group.MapGet("/{id:long}", Results<Ok<ScheduleView>, ProblemHttpResult> (long id, ScheduleService schedules) =>
            schedules.Get(id) is { } view ? TypedResults.Ok(view) : NotFound(id));
        group.MapDelete("/{id:long}", RemoveAsync);
        group.MapPost("/{id:long}/skip", Results<Ok<ScheduleView>, ValidationProblem, ProblemHttpResult> (long id, SkipRequest body, ScheduleService schedules, HttpContext context) =>
            Respond(schedules.Skip(id, body, Actor(context)), v => TypedResults.Ok(v)));
        group.MapGet("/{id:long}/slots", Results<Ok<IReadOnlyList<SlotView>>, ProblemHttpResult> (long id, ScheduleService schedules) =>
            schedules.Slots(id) is { } slots ? TypedResults.Ok(slots) : NotFound(id));
        app.MapGet("/api/slots", Results<Ok<IReadOnlyList<SlotView>>, ValidationProblem, ProblemHttpResult> (string? from, string? to, SlotCalendar calendar) =>
            Respond(calendar.Range(from, to), v => TypedResults.Ok(v)));
        return app;
    }

    /// <summary>
    /// <c>/api/schedules/{id}</c> and below: the schedule's target expression, so the permission check can hold
    /// commune-scoped users to their communes. Register with <c>AddResourceTarget("/api/schedules/{}", SchedulesApi.ResourceTarget)</c>.
    /// </summary>
    public static ValueTask<string?> ResourceTarget(IServiceProvider services, RouteValueDictionary values, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(values);
        var found = values.TryGetValue("id", out var raw) && long.TryParse(Convert.ToString(raw, CultureInfo.InvariantCulture), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? services.GetRequiredService<ScheduleService>().Get(id)
            : null;
        return ValueTask.FromResult(found?.Target);
    }

    private static async Task<Results<Created<ScheduleView>, ValidationProblem, ProblemHttpResult>> AddAsync(
        ScheduleRequest body, ScheduleService schedules, HttpContext context, CancellationToken cancellationToken)
    {
        var result = await schedules.AddAsync(body, Actor(context), cancellationToken);
        return Respond(result, v => TypedResults.Created($"/api/schedules/{v.Id}", v));
    }

    private static async Task<Results<Ok<ScheduleView>, ProblemHttpResult>> RemoveAsync(long id, ScheduleService schedules, HttpContext context, CancellationToken cancellationToken) =>
        await schedules.RemoveAsync(id, Actor(context), cancellationToken) is { } removed ? TypedResults.Ok(removed) : NotFound(id);

    /// <summary>Invalid fields: 400 with <c>errors</c> keyed by field and the first message as <c>detail</c>; something unknown: 404.</summary>
    private static Results<TOk, ValidationProblem, ProblemHttpResult> Respond<T, TOk>(ScheduleResult<T> result, Func<T, TOk> ok)
        where T : class
        where TOk : IResult
    {
        if (result.Value is { } value)
        {
            return ok(value);
        }

        if (result.Problems.FirstOrDefault(p => p.NotFound) is { } missing)
        {
            return TypedResults.Problem(missing.Message, statusCode: StatusCodes.Status404NotFound, extensions: new Dictionary<string, object?> { ["code"] = "not-found", ["field"] = missing.Field });
        }

        var errors = result.Problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray());
        return TypedResults.ValidationProblem(
            errors, detail: string.Join("; ", result.Problems.Select(p => p.Message)), extensions: new Dictionary<string, object?> { ["code"] = "invalid-field" });
    }

    /// <summary>The signed-in user once accounts exist; until then the loopback API acts as <c>local</c>.</summary>
    private static string Actor(HttpContext context) => context.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : AuditActors.Local;

    private static ProblemHttpResult NotFound(long id) =>
        TypedResults.Problem($"no schedule {id}; GET /api/schedules lists them", statusCode: StatusCodes.Status404NotFound, extensions: new Dictionary<string, object?> { ["code"] = "not-found", ["field"] = "id" });
}
