using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Broadcast.Server.Conventions;

/// <summary>
/// Conventions every API file shares: ProblemDetails bodies for every error (with the request as <c>instance</c>
/// and a <c>traceId</c> to find the log line), the OpenAPI document at <c>/openapi/v1.json</c> and the browsable
/// reference at <c>/api/reference</c>. Both are readable without a login: they describe routes and shapes, never data,
/// and a console author or a script writer needs them before having an account.
/// </summary>
internal static class ApiConventions
{
    public const string ReferencePath = "/api/reference";

    public static IServiceCollection AddBroadcastApiConventions(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            c.ProblemDetails.Instance ??= $"{c.HttpContext.Request.Method} {c.HttpContext.Request.Path}";
            c.ProblemDetails.Extensions.TryAdd("traceId", c.HttpContext.TraceIdentifier);
        });
        services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Broadcast controller API";
            document.Info.Description = "District loudspeaker network control. Log in with POST /api/auth/login, then send "
                + "'Authorization: Bearer TOKEN' (CLI, scripts) or use the bcast_session cookie with the X-Bcast-Csrf header (console). "
                + "Errors are RFC 9457 problem details with a 'code' extension. See docs/accounts.md.";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "Session token from POST /api/auth/login (mode bearer).",
            };
            document.Components.SecuritySchemes["cookie"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Cookie,
                Name = Broadcast.Accounts.Authentication.AccountsDefaults.CookieName,
                Description = "Console session from POST /api/auth/login (mode cookie); unsafe methods also need the X-Bcast-Csrf header.",
            };
            document.Security ??= [];
            document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] });
            return Task.CompletedTask;
        }));
        return services;
    }

    /// <summary>Maps <c>/openapi/v1.json</c> and the Scalar reference (served from the package, no CDN: stations are often offline).</summary>
    public static WebApplication MapBroadcastApiReference(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference(ReferencePath, o => o
                .WithTitle("Broadcast controller API")
                .WithOpenApiRoutePattern("/openapi/{documentName}.json")
                .DisableDefaultFonts())
            .AllowAnonymous();
        return app;
    }
}
