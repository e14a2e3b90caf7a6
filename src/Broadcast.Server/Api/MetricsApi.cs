using Broadcast.Controller.Metrics;

namespace Broadcast.Server.Api;

internal static class MetricsApi
{
    public static IEndpointRouteBuilder MapMetricsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/metrics", (BroadcastMetrics metrics) => TypedResults.Ok(metrics.Snapshot()));
        return app;
    }
}
