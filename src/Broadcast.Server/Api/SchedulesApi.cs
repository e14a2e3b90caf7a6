namespace Broadcast.Server.Api;

internal static class SchedulesApi
{
    public static IEndpointRouteBuilder MapSchedulesApi(this IEndpointRouteBuilder app)
    {
        return app;
    }
}
