using Broadcast.Audit;
using Broadcast.Monitoring.Alerts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Broadcast.Server.Api;

/// <summary>
/// Alerts (issue #8, docs/monitoring.md): <c>GET /api/alerts?state=active|open|acknowledged|resolved|all&amp;commune=&amp;limit=</c>
/// (newest first, storms as one group alert with its members), <c>GET /api/alerts/{id}</c>,
/// <c>POST /api/alerts/{id}/ack</c> (recorded in the audit trail), and <c>GET /api/alerts/summary</c>.
/// </summary>
internal static class AlertsApi
{
    public static IEndpointRouteBuilder MapAlertsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/alerts").WithTags("Alerts");
        group.MapGet("/", List);
        group.MapGet("/summary", (IAlertBoard board) => TypedResults.Ok(board.Summary()));
        group.MapGet("/{id:long}", Results<Ok<AlertView>, ProblemHttpResult> (long id, IAlertBoard board) =>
            board.Find(id) is { } alert ? TypedResults.Ok(alert) : NotFound(id));
        group.MapPost("/{id:long}/ack", Acknowledge);
        return app;
    }

    private static Results<Ok<IReadOnlyList<AlertView>>, ProblemHttpResult> List(string? state, string? commune, string? limit, IAlertBoard board)
    {
        var filter = AlertStateFilter.Active;
        if (!string.IsNullOrWhiteSpace(state) && !TryState(state.Trim(), out filter))
        {
            return BadParameter("state", $"state: '{state}' is not one of active (open and acknowledged, the default), open, acknowledged, resolved, all");
        }

        var count = 200;
        if (!string.IsNullOrWhiteSpace(limit) && (!int.TryParse(limit, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out count) || count is < 1 or > AlertListQuery.MaxLimit))
        {
            return BadParameter("limit", $"limit: '{limit}' is not a whole number from 1 to {AlertListQuery.MaxLimit}");
        }

        try
        {
            return TypedResults.Ok(board.List(new AlertListQuery(filter, commune, count)));
        }
        catch (UnknownCommuneException ex)
        {
            return BadParameter("commune", ex.Message);
        }
    }

    private static Results<Ok<AlertView>, ProblemHttpResult> Acknowledge(long id, IAlertBoard board, HttpContext context)
    {
        var outcome = board.Acknowledge(id, Actor(context));
        return outcome.Status switch
        {
            AcknowledgeStatus.Acknowledged or AcknowledgeStatus.AlreadyAcknowledged when outcome.Alert is { } alert => TypedResults.Ok(alert),
            AcknowledgeStatus.Resolved => TypedResults.Problem(
                $"alert {id} resolved at {outcome.Alert?.ResolvedAt:u}: its condition cleared, there is nothing to acknowledge",
                statusCode: StatusCodes.Status409Conflict),
            _ => NotFound(id),
        };
    }

    // Names only: Enum.TryParse would also take "3".
    private static bool TryState(string text, out AlertStateFilter filter)
    {
        filter = Enum.GetValues<AlertStateFilter>().FirstOrDefault(f => string.Equals(f.ToString(), text, StringComparison.OrdinalIgnoreCase), (AlertStateFilter)(-1));
        return Enum.IsDefined(filter);
    }

    /// <summary>The signed-in user once accounts are on; otherwise the loopback API acts as <c>local</c>.</summary>
    private static string Actor(HttpContext context) => context.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : AuditActors.Local;

    private static ProblemHttpResult NotFound(long id) =>
        TypedResults.Problem($"no alert {id}; GET /api/alerts?state=all lists them", statusCode: StatusCodes.Status404NotFound);

    private static ProblemHttpResult BadParameter(string parameter, string detail) =>
        TypedResults.Problem(
            detail,
            statusCode: StatusCodes.Status400BadRequest,
            title: $"invalid parameter '{parameter}'",
            extensions: new Dictionary<string, object?> { ["parameter"] = parameter });
}
