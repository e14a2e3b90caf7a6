using Broadcast.Accounts;
using Broadcast.Controller.Registry;

namespace Broadcast.Server.Api;

/// <summary>
/// <c>POST /api/endpoints</c>: provision an endpoint in the running controller. The answer carries the credentials file
/// (with the endpoint's private key) once; it is never stored on the controller and never cached.
/// </summary>
internal static class EndpointProvisioningApi
{
    public static IEndpointRouteBuilder MapEndpointProvisioningApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/endpoints", (ProvisionBody body, EndpointProvisioning provisioning, ICurrentUser user, HttpContext context) =>
        {
            var result = provisioning.Provision(new ProvisionRequest(body.Id ?? string.Empty, body.Commune, body.Hamlet, body.Bind, body.Replace, body.ControllerMqttUrl), user.Name);
            if (result.Registration is not { } registration)
            {
                return Results.Problem(result.Error, statusCode: result.Status);
            }

            context.Response.Headers.CacheControl = "no-store";
            return Results.Created($"/api/endpoints/{registration.Id}", new ProvisionView(
                registration.Id, registration.Commune, registration.Hamlet, registration.Binding.ToString(), registration.PublicKey.ToBase64(),
                System.Text.Json.JsonDocument.Parse(result.Credentials!).RootElement));
        });
        return app;
    }
}

/// <summary>Body of <c>POST /api/endpoints</c>; commune, hamlet and bind default to the topology's entry for the id.</summary>
internal sealed record ProvisionBody(string? Id, string? Commune, string? Hamlet, string? Bind, bool Replace, string? ControllerMqttUrl);

/// <summary>The provisioned endpoint and its credentials file (save it with mode 0600; it holds the private key).</summary>
internal sealed record ProvisionView(string Id, string Commune, string Hamlet, string Binding, string PublicKey, System.Text.Json.JsonElement Credentials);
