namespace Broadcast.Server.Api;

internal static class QueueApi
{
    public static IEndpointRouteBuilder MapQueueApi(this IEndpointRouteBuilder app)
    {
        return app;
    }
}
