using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Broadcast.Accounts.Scope;

/// <summary>
/// Whether a user may act on a target; when not, the status (403 out of scope, 400 unknown target), a
/// machine-readable <see cref="Code"/> and a reason a person can act on.
/// </summary>
public sealed record ScopeDecision(bool Allowed, int StatusCode, string Code, string? Reason)
{
    public static ScopeDecision Allow { get; } = new(true, StatusCodes.Status200OK, "ok", null);

    public static ScopeDecision Forbid(string code, string reason) => new(false, StatusCodes.Status403Forbidden, code, reason);

    public static ScopeDecision BadRequest(string code, string reason) => new(false, StatusCodes.Status400BadRequest, code, reason);

    /// <summary>The refusal as a ProblemDetails result for a minimal-API handler.</summary>
    public ProblemHttpResult ToProblem() => TypedResults.Problem(
        Reason, statusCode: StatusCode, title: StatusCode == StatusCodes.Status403Forbidden ? "Not allowed" : "Bad request",
        extensions: new Dictionary<string, object?> { ["code"] = Code });
}
