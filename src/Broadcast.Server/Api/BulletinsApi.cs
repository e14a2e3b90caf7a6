using Broadcast.Accounts;
using Broadcast.Accounts.Authorization;
using Broadcast.Accounts.Scope;
using Broadcast.Accounts.Users;
using Broadcast.Library;
using Broadcast.Library.Bulletins;
using Broadcast.Library.Http;

namespace Broadcast.Server.Api;

/// <summary>
/// The bulletin workflow's routes (<see cref="BulletinEndpoints"/>: list, submit, approve, reject, review, edit,
/// replace audio, text-to-speech) acting as the signed-in user. The central permission table decides who reaches each
/// route; here the account becomes the library's <see cref="BulletinActor"/> (its approval scope: the library applies
/// it and the four-eyes rule), and a commune editor is held to their communes when making or changing an item.
/// </summary>
internal static class BulletinsApi
{
    public static IEndpointRouteBuilder MapBulletinsApi(this IEndpointRouteBuilder app)
    {
        app.MapBulletinEndpoints(Actor, Authorize);
        return app;
    }

    /// <summary>
    /// What a bulletin targets, for the central check's commune scope on <c>/api/bulletins/{id}/...</c>: its commune, or
    /// the whole district for a district item. Register with <c>AddResourceTarget("/api/bulletins/{}", BulletinsApi.ResourceTarget)</c>.
    /// </summary>
    public static ValueTask<string?> ResourceTarget(IServiceProvider services, RouteValueDictionary values, CancellationToken cancellationToken)
    {
        var id = values.TryGetValue("id", out var raw) ? raw as string : null;
        var record = id is null ? null : services.GetRequiredService<IProgrammeCatalog>().Find(id);
        return ValueTask.FromResult(record is null ? null : record.Commune is null ? "all" : $"commune:{record.Commune}");
    }

    internal static BulletinActor Actor(HttpContext context)
    {
        var user = context.RequestServices.GetRequiredService<ICurrentUser>();
        var scope = user.Unrestricted || user.IsInRole(Role.Admin) || (user.IsInRole(Role.Approver) && user.ApproverScope == ApproverScope.District)
            ? ApprovalScope.WholeDistrict
            : user.IsInRole(Role.Approver) ? ApprovalScope.ForCommunes(user.Communes) : ApprovalScope.None;
        return new BulletinActor(user.Name) { Approval = scope, SingleUser = user.Unrestricted };
    }

    private static string? Authorize(HttpContext context, string? commune, BulletinAccess access)
    {
        var permission = access == BulletinAccess.Create ? Permission.ProgrammeUpload : Permission.ProgrammeManage;
        var decision = context.RequestServices.GetRequiredService<ITargetScopeChecker>()
            .CheckCommune(context.RequestServices.GetRequiredService<ICurrentUser>(), commune, permission);
        return decision.Allowed ? null : decision.Reason ?? "not allowed for this commune";
    }
}
