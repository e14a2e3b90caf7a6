using Broadcast.Accounts;
using Broadcast.Accounts.Authorization;
using Broadcast.Accounts.Scope;
using Broadcast.Library.Http;

namespace Broadcast.Server.Api;

/// <summary>
/// The programme library's routes (<see cref="ProgrammeEndpoints"/>: upload, search, metadata, audio, delete), acting
/// as the logged-in user. The central permission table lets only uploaders reach POST and leaves the commune of a
/// multipart upload to the handler: a commune editor may upload only for their own communes.
/// </summary>
internal static class ProgrammesApi
{
    public static IEndpointRouteBuilder MapProgrammesApi(this IEndpointRouteBuilder app)
    {
        app.MapProgrammeEndpoints(
            context => context.RequestServices.GetRequiredService<ICurrentUser>().Name,
            (context, commune) =>
            {
                var decision = context.RequestServices.GetRequiredService<ITargetScopeChecker>()
                    .CheckCommune(context.RequestServices.GetRequiredService<ICurrentUser>(), commune, Permission.ProgrammeUpload);
                return decision.Allowed ? null : decision.Reason ?? "not allowed for this commune";
            });
        return app;
    }
}
