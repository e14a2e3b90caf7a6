using Broadcast.Library.Bulletins;
using Broadcast.Library.Speech;
using Broadcast.Library.Storage;
using Broadcast.Library.Uploads;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Broadcast.Library.Http;

/// <summary>
/// The bulletin workflow's HTTP API under <c>/api/bulletins</c> (docs/bulletins.md): list and read, submit, approve,
/// reject with a reason, review an emergency use, change the title or category, replace the audio, and make a
/// bulletin from text (<c>POST /api/bulletins/tts</c>, also mapped as <c>POST /api/tts</c> for the console). Beside
/// the store like <see cref="ProgrammeEndpoints"/>, so its tests run it on a bare Kestrel host; the server maps it and
/// says who the caller is.
/// </summary>
public static class BulletinEndpoints
{
    /// <summary>Maps the routes.</summary>
    /// <param name="app">Where.</param>
    /// <param name="actor">The caller: name and where they may approve (the library checks approval scope and four-eyes itself).</param>
    /// <param name="authorizeCommune">
    /// May the caller make (<see cref="BulletinAccess.Create"/>) or change (<see cref="BulletinAccess.Change"/>) items of
    /// this commune (null: a district item)? Null when allowed, else the reason for a 403. Null allows everything.
    /// </param>
    public static RouteGroupBuilder MapBulletinEndpoints(this IEndpointRouteBuilder app, Func<HttpContext, BulletinActor> actor, Func<HttpContext, string?, BulletinAccess, string?>? authorizeCommune = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(actor);
        var routes = new Routes(actor, authorizeCommune ?? ((_, _, _) => null));
        var group = app.MapGroup("/api/bulletins");
        group.MapGet("/", List);
        group.MapGet("/{id}", Get);
        group.MapPost("/", routes.CreateAsync);
        group.MapPost("/tts", routes.SpeechAsync);
        group.MapPost("/{id}/submit", routes.Submit);
        group.MapPost("/{id}/approve", routes.Approve);
        group.MapPost("/{id}/reject", routes.Reject);
        group.MapPost("/{id}/review", routes.Review);
        group.MapPatch("/{id}", routes.Edit);
        group.MapPut("/{id}/audio", routes.ReplaceAudioAsync);
        app.MapPost("/api/tts", routes.SpeechAsync);
        return group;
    }

    private static Results<Ok<BulletinListView>, ProblemHttpResult> List(HttpRequest request, ProgrammeStore store, TimeProvider time)
    {
        if (!BulletinSearchParameters.TryParse(request.Query, time.LocalTimeZone, out var query, out var status, out var error))
        {
            return TypedResults.Problem(error, statusCode: StatusCodes.Status400BadRequest);
        }

        var page = store.SearchBulletins(query, status);
        return TypedResults.Ok(new BulletinListView([.. page.Items.Select(b => BulletinView.From(b))], page.Page, page.PageSize, page.Total));
    }

    private static Results<Ok<BulletinView>, ProblemHttpResult> Get(string id, ProgrammeStore store) =>
        store.Find(id) is { } record ? TypedResults.Ok(BulletinView.From(store.BulletinOf(record))) : Problem(NotFound(id));

    private static BulletinException NotFound(string id) =>
        new(BulletinRefusal.NotFound, $"no bulletin '{id}' in the library; GET /api/bulletins lists them");

    private static ProblemHttpResult Problem(BulletinException ex) => TypedResults.Problem(
        ex.Message,
        statusCode: ex.Refusal switch
        {
            BulletinRefusal.NotFound => StatusCodes.Status404NotFound,
            BulletinRefusal.Conflict => StatusCodes.Status409Conflict,
            BulletinRefusal.Forbidden => StatusCodes.Status403Forbidden,
            BulletinRefusal.Unavailable => StatusCodes.Status503ServiceUnavailable,
            BulletinRefusal.Failed => StatusCodes.Status500InternalServerError,
            _ => StatusCodes.Status400BadRequest,
        },
        title: ex.Refusal switch
        {
            BulletinRefusal.Conflict => "not in that state",
            BulletinRefusal.Forbidden => "not allowed",
            BulletinRefusal.NotFound => "not found",
            _ => "refused",
        },
        extensions: new Dictionary<string, object?>
        {
            ["refusal"] = ex.Refusal switch
            {
                BulletinRefusal.NotFound => "not-found",
                BulletinRefusal.Conflict => "conflict",
                BulletinRefusal.Forbidden => "forbidden",
                BulletinRefusal.Unavailable => "tts-unavailable",
                BulletinRefusal.Failed => "tts-failed",
                _ => "invalid-field",
            },
            ["state"] = ex.State is { } state ? ProgrammeStateNames.Of(state) : null,
            ["field"] = ex.Field,
        });

    private static ProblemHttpResult Problem(ProgrammeUploadException ex) => TypedResults.Problem(
        ex.Message,
        statusCode: ProgrammeEndpoints.StatusOf(ex.Refusal),
        title: "refused",
        extensions: new Dictionary<string, object?> { ["refusal"] = ProgrammeEndpoints.RefusalName(ex.Refusal), ["field"] = ex.Field });

    private static ProblemHttpResult Forbidden(string reason) => TypedResults.Problem(
        reason, statusCode: StatusCodes.Status403Forbidden, title: "not allowed", extensions: new Dictionary<string, object?> { ["refusal"] = "forbidden" });

    /// <summary>The handlers that need the caller; one instance per mapping holds the server's delegates.</summary>
    private sealed class Routes(Func<HttpContext, BulletinActor> actor, Func<HttpContext, string?, BulletinAccess, string?> authorize)
    {
        public async Task<Results<Created<BulletinView>, Ok<BulletinView>, ProblemHttpResult>> CreateAsync(BulletinSubmission body, HttpContext context, ProgrammeStore store, SpeechBulletins speech, CancellationToken cancellationToken)
        {
            if (!string.IsNullOrWhiteSpace(body.ProgrammeId) && !string.IsNullOrWhiteSpace(body.Text))
            {
                return Problem(new BulletinException(BulletinRefusal.InvalidField, "give either programmeId (a programme in the library) or text (read by text-to-speech), not both", field: "text"));
            }

            if (!string.IsNullOrWhiteSpace(body.Text))
            {
                return await MakeSpeechAsync(new SpeechBody(body.Title, body.Text, body.Commune, body.Category, body.Voice, Submit: true), context, store, speech, cancellationToken).ConfigureAwait(false);
            }

            if (string.IsNullOrWhiteSpace(body.ProgrammeId))
            {
                return Problem(new BulletinException(BulletinRefusal.InvalidField, "programmeId: name the programme to submit (upload it first), or give text to be read by text-to-speech", field: "programmeId"));
            }

            var submitted = Submit(body.ProgrammeId.Trim(), context, store).Result;
            return submitted is Ok<BulletinView> ok ? ok : (ProblemHttpResult)submitted;
        }

        public Task<Results<Created<BulletinView>, Ok<BulletinView>, ProblemHttpResult>> SpeechAsync(SpeechBody body, HttpContext context, ProgrammeStore store, SpeechBulletins speech, CancellationToken cancellationToken) =>
            MakeSpeechAsync(body, context, store, speech, cancellationToken);

        public Results<Ok<BulletinView>, ProblemHttpResult> Submit(string id, HttpContext context, ProgrammeStore store) =>
            Change(id, context, store, BulletinAccess.Change, (name, _) => store.Submit(id, name));

        public Results<Ok<BulletinView>, ProblemHttpResult> Approve(string id, DecisionBody? body, HttpContext context, ProgrammeStore store) =>
            Decide(store, () => store.Approve(id, actor(context), body?.Note));

        public Results<Ok<BulletinView>, ProblemHttpResult> Reject(string id, DecisionBody? body, HttpContext context, ProgrammeStore store) =>
            Decide(store, () => store.Reject(id, actor(context), body?.Reason));

        public Results<Ok<BulletinView>, ProblemHttpResult> Review(string id, DecisionBody? body, HttpContext context, ProgrammeStore store) =>
            Decide(store, () => store.Review(id, actor(context), body?.Note));

        public Results<Ok<BulletinView>, ProblemHttpResult> Edit(string id, EditBody body, HttpContext context, ProgrammeStore store) =>
            Change(id, context, store, BulletinAccess.Change, (name, _) => store.Edit(id, name, new ProgrammeEdit(body.Title, body.Category)));

        public async Task<Results<Ok<BulletinView>, ProblemHttpResult>> ReplaceAudioAsync(string id, HttpRequest request, ProgrammeStore store, CancellationToken cancellationToken)
        {
            if (store.Find(id) is not { } record)
            {
                return Problem(NotFound(id));
            }

            if (authorize(request.HttpContext, record.Commune, BulletinAccess.Change) is { } reason)
            {
                return Forbidden(reason);
            }

            var name = actor(request.HttpContext).Name;
            try
            {
                using var incoming = await ProgrammeUploadForm.ReceiveFileAsync(request, store, name, cancellationToken).ConfigureAwait(false);
                var after = await store.ReplaceAudioAsync(record.Id, incoming, name, cancellationToken).ConfigureAwait(false);
                return TypedResults.Ok(BulletinView.From(store.BulletinOf(after)));
            }
            catch (BulletinException ex)
            {
                return Problem(ex);
            }
            catch (ProgrammeUploadException ex)
            {
                return Problem(ex);
            }
        }

        private async Task<Results<Created<BulletinView>, Ok<BulletinView>, ProblemHttpResult>> MakeSpeechAsync(SpeechBody body, HttpContext context, ProgrammeStore store, SpeechBulletins speech, CancellationToken cancellationToken)
        {
            var commune = string.IsNullOrWhiteSpace(body.Commune) ? null : body.Commune.Trim();
            if (authorize(context, commune, BulletinAccess.Create) is { } reason)
            {
                return Forbidden(reason);
            }

            try
            {
                var result = await speech.CreateAsync(new SpeechRequest(body.Title, body.Text, commune, body.Category, body.Voice), actor(context).Name, body.Submit ?? false, cancellationToken).ConfigureAwait(false);
                var view = BulletinView.From(store.BulletinOf(result.Record), result.Duplicate);
                return result.Duplicate ? TypedResults.Ok(view) : TypedResults.Created($"/api/bulletins/{view.Id}", view);
            }
            catch (BulletinException ex)
            {
                return Problem(ex);
            }
            catch (ProgrammeUploadException ex)
            {
                return Problem(ex);
            }
        }

        private Results<Ok<BulletinView>, ProblemHttpResult> Change(string id, HttpContext context, ProgrammeStore store, BulletinAccess access, Func<string, ProgrammeRecord, ProgrammeRecord> step)
        {
            if (store.Find(id) is not { } record)
            {
                return Problem(NotFound(id));
            }

            if (authorize(context, record.Commune, access) is { } reason)
            {
                return Forbidden(reason);
            }

            return Decide(store, () => step(actor(context).Name, record));
        }

        private static Results<Ok<BulletinView>, ProblemHttpResult> Decide(ProgrammeStore store, Func<ProgrammeRecord> step)
        {
            try
            {
                return TypedResults.Ok(BulletinView.From(store.BulletinOf(step())));
            }
            catch (BulletinException ex)
            {
                return Problem(ex);
            }
        }
    }
}
