using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace Broadcast.Accounts.Authorization;

/// <summary>
/// 400/401/403 answers of the access checks as ProblemDetails with a machine-readable <c>code</c> extension, so the
/// console can tell "log in" from "change your password" from "not in your commune" without parsing English.
/// </summary>
internal static class AccessProblems
{
    public static async Task WriteAsync(HttpContext context, int status, string code, string detail)
    {
        context.Response.StatusCode = status;
        var problem = new ProblemDetails
        {
            Status = status,
            Title = status switch
            {
                StatusCodes.Status401Unauthorized => "Not signed in",
                StatusCodes.Status403Forbidden => "Not allowed",
                _ => "Bad request",
            },
            Detail = detail,
            Extensions = { ["code"] = code },
        };
        var writer = context.RequestServices.GetService<IProblemDetailsService>();
        if (writer is null || !await writer.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }).ConfigureAwait(false))
        {
            await context.Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json", context.RequestAborted).ConfigureAwait(false);
        }
    }
}
