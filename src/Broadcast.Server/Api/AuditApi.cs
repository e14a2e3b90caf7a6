namespace Broadcast.Server.Api;

internal static class AuditApi
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        return app;
    }
}
