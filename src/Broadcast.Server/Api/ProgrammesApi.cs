namespace Broadcast.Server.Api;

internal static class ProgrammesApi
{
    public static IEndpointRouteBuilder MapProgrammesApi(this IEndpointRouteBuilder app)
    {
        return app;
    }
}
