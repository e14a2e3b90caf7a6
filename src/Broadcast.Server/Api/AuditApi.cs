using System.Diagnostics.CodeAnalysis;
using Broadcast.Audit;
using Broadcast.Audit.Export;
using Broadcast.Audit.Requests;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Broadcast.Server.Api;

/// <summary>
/// Read-only views of the audit trail. There is deliberately no PUT, PATCH or DELETE: entries cannot be changed
/// through any API (issue #6), and the database's own triggers refuse it as well.
/// </summary>
internal static class AuditApi
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/audit").WithTags("Audit");
        group.MapGet("/", List);
        group.MapGet("/verify", (IAuditVerifier verifier) => TypedResults.Ok(verifier.Verify()));
        app.MapGet("/api/audit.csv", Csv).WithTags("Audit");
        return app;
    }

    /// <summary><c>GET /api/audit?from&amp;to&amp;commune&amp;action&amp;after&amp;limit</c>; <c>format=csv</c> gives the CSV export.</summary>
    private static Results<Ok<AuditPage>, PushStreamHttpResult, ProblemHttpResult> List(
        string? from, string? to, string[]? commune, string? action, string? after, string? limit, string? format,
        IAuditTrail trail, IOptions<AuditOptions> options, HttpContext context)
    {
        if (!TryQuery(from, to, commune, action, after, limit, options.Value, out var query, out var problem))
        {
            return problem;
        }

        if (string.IsNullOrWhiteSpace(format) || string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Ok(AuditPage.Read(trail, query));
        }

        return string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase)
            ? CsvStream(trail, query, context)
            : BadParameter("format", $"format: '{format}' is not json or csv");
    }

    /// <summary>
    /// <c>GET /api/audit.csv</c>: every entry matching the filters (no paging; <c>limit</c> only sets the read size).
    /// The same export is <c>GET /api/audit?format=csv</c>, which the CLI uses.
    /// </summary>
    private static Results<PushStreamHttpResult, ProblemHttpResult> Csv(
        string? from, string? to, string[]? commune, string? action, string? after, string? limit,
        IAuditTrail trail, IOptions<AuditOptions> options, HttpContext context) =>
        TryQuery(from, to, commune, action, after, limit, options.Value, out var query, out var problem)
            ? CsvStream(trail, query, context)
            : problem;

    private static PushStreamHttpResult CsvStream(IAuditTrail trail, AuditQuery query, HttpContext context) =>
        TypedResults.Stream(
            stream => AuditCsv.WriteAsync(stream, trail.QueryAll(query), context.RequestAborted),
            AuditCsv.ContentType,
            "audit.csv");

    private static bool TryQuery(
        string? from, string? to, string[]? commune, string? action, string? after, string? limit, AuditOptions options,
        out AuditQuery query, [NotNullWhen(false)] out ProblemHttpResult? problem)
    {
        if (commune is { Length: > 1 })
        {
            query = new AuditQuery();
            problem = BadParameter("commune", $"commune: given {commune.Length} times; the trail is read one commune at a time");
            return false;
        }

        if (AuditRequestParser.TryParse(from, to, commune?.FirstOrDefault(), action, after, limit, options.MaxPageSize, out query, out var error))
        {
            problem = null;
            return true;
        }

        problem = BadParameter(error.Parameter, error.Message);
        return false;
    }

    private static ProblemHttpResult BadParameter(string parameter, string detail) =>
        TypedResults.Problem(
            detail,
            statusCode: StatusCodes.Status400BadRequest,
            title: $"invalid parameter '{parameter}'",
            extensions: new Dictionary<string, object?> { ["parameter"] = parameter });
}
