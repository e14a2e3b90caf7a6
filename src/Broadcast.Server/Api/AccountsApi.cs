using Broadcast.Accounts;
using Broadcast.Accounts.Management;
using Broadcast.Server.Conventions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Broadcast.Server.Api;

/// <summary>
/// User management for administrators (<c>/api/accounts</c>; the permission table gives it to Admin only). No delete:
/// disable instead, so the names in the audit trail stay meaningful.
/// </summary>
internal static class AccountsApi
{
    public static IEndpointRouteBuilder MapAccountsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/accounts").WithTags("Accounts");
        group.MapGet("/", List);
        group.MapGet("/{name}", Results<Ok<AccountView>, ProblemHttpResult> (string name, AccountManager accounts) =>
            accounts.Find(name) is { } user ? TypedResults.Ok(user.ToView(accounts)) : Missing(name));
        group.MapPost("/", Create);
        group.MapPut("/{name}", Update);
        group.MapPost("/{name}/password", (string name, ResetPasswordBody? body, AccountManager accounts, ICurrentUser actor) =>
            WithPassword(accounts.ResetPassword(actor.Name, name, body?.Password), accounts));
        group.MapPost("/{name}/disable", (string name, AccountManager accounts, ICurrentUser actor) => Answer(accounts.SetDisabled(actor.Name, name, disabled: true), accounts));
        group.MapPost("/{name}/enable", (string name, AccountManager accounts, ICurrentUser actor) => Answer(accounts.SetDisabled(actor.Name, name, disabled: false), accounts));
        return app;
    }

    private static Results<Ok<Page<AccountView>>, ProblemHttpResult> List(AccountManager accounts, int? page, int? pageSize)
    {
        if (!PageRequest.TryCreate(page, pageSize, out var request, out var problem))
        {
            return problem!;
        }

        return TypedResults.Ok(request.Of(accounts.List().Select(u => u.ToView(accounts)).ToList()));
    }

    private static Results<Created<AccountWithPasswordView>, ProblemHttpResult> Create(AccountBody body, AccountManager accounts, ICurrentUser actor)
    {
        var spec = body.ToSpec(out var problem);
        if (spec is null)
        {
            return Bad(problem!);
        }

        var outcome = accounts.Create(actor.Name, body.Name, body.Password, spec, body.MustChangePassword ?? true);
        return outcome.Status == ManageStatus.Ok
            ? TypedResults.Created($"/api/accounts/{Uri.EscapeDataString(outcome.User!.Name)}", new AccountWithPasswordView(outcome.User.ToView(accounts), outcome.OneTimePassword))
            : Failure(outcome);
    }

    private static Results<Ok<AccountView>, ProblemHttpResult> Update(string name, AccountBody body, AccountManager accounts, ICurrentUser actor)
    {
        if (body.Password is not null || body.MustChangePassword is not null)
        {
            return Bad("password: set a password with POST /api/accounts/{name}/password");
        }

        var spec = body.ToSpec(out var problem);
        return spec is null ? Bad(problem!) : Answer(accounts.Update(actor.Name, name, spec), accounts);
    }

    private static Results<Ok<AccountView>, ProblemHttpResult> Answer(ManageOutcome outcome, AccountManager accounts) =>
        outcome.Status == ManageStatus.Ok ? TypedResults.Ok(outcome.User!.ToView(accounts)) : Failure(outcome);

    private static Results<Ok<AccountWithPasswordView>, ProblemHttpResult> WithPassword(ManageOutcome outcome, AccountManager accounts) =>
        outcome.Status == ManageStatus.Ok ? TypedResults.Ok(new AccountWithPasswordView(outcome.User!.ToView(accounts), outcome.OneTimePassword)) : Failure(outcome);

    private static ProblemHttpResult Failure(ManageOutcome outcome) => TypedResults.Problem(outcome.Message, statusCode: outcome.Status switch
    {
        ManageStatus.NotFound => StatusCodes.Status404NotFound,
        ManageStatus.Conflict => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status400BadRequest,
    });

    private static ProblemHttpResult Bad(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest);

    private static ProblemHttpResult Missing(string name) =>
        TypedResults.Problem($"no account '{name}'; GET /api/accounts lists them", statusCode: StatusCodes.Status404NotFound);
}
