using Broadcast.Library.Storage;
using Broadcast.Library.Uploads;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace Broadcast.Library.Http;

/// <summary>
/// The programme library's HTTP API under <c>/api/programmes</c>: upload (multipart, streamed to disk), search,
/// metadata, audio preview (Ogg Opus, Range requests), delete. Kept beside the store rather than in the server so its
/// tests can run it on a bare Kestrel host; the server maps it and decides who the actor is.
/// </summary>
public static class ProgrammeEndpoints
{
    /// <summary>Maps the routes.</summary>
    /// <param name="app">Where.</param>
    /// <param name="actor">Who is asking, for the audit trail and the owner of an upload (the logged-in user).</param>
    /// <param name="authorizeCommune">
    /// May the caller upload for this commune (null: a district programme)? Null when allowed, else the reason for a
    /// 403. Null here allows every upload (the route's own authorisation still applies).
    /// </param>
    public static RouteGroupBuilder MapProgrammeEndpoints(this IEndpointRouteBuilder app, Func<HttpContext, string> actor, Func<HttpContext, string?, string?>? authorizeCommune = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var group = app.MapGroup("/api/programmes");
        group.MapGet("/", Search);
        group.MapGet("/{id}", Get);
        group.MapGet("/{id}/audio", Audio);
        group.MapPost("/", (HttpRequest request, ProgrammeStore store, CancellationToken ct) => UploadAsync(
            request,
            store,
            actor(request.HttpContext),
            authorizeCommune is null ? null : commune => authorizeCommune(request.HttpContext, commune),
            ct));
        group.MapDelete("/{id}", (string id, HttpContext context, ProgrammeStore store, CancellationToken ct) => DeleteAsync(id, store, actor(context), ct));
        return group;
    }

    private static Results<Ok<ProgrammeListView>, ProblemHttpResult> Search(HttpRequest request, ProgrammeStore store, TimeProvider time)
    {
        if (!ProgrammeSearchParameters.TryParse(request.Query, time.LocalTimeZone, out var query, out var error))
        {
            return TypedResults.Problem(error, statusCode: StatusCodes.Status400BadRequest);
        }

        var page = store.Search(query);
        return TypedResults.Ok(new ProgrammeListView([.. page.Items.Select(r => ProgrammeView.From(r))], page.Page, page.PageSize, page.Total));
    }

    private static Results<Ok<ProgrammeView>, ProblemHttpResult> Get(string id, ProgrammeStore store) =>
        store.Find(id) is { } record ? TypedResults.Ok(ProgrammeView.From(record)) : NotFound(id);

    // Range support lets a browser's audio element seek in a long programme without fetching all of it.
    private static Results<PhysicalFileHttpResult, ProblemHttpResult> Audio(string id, ProgrammeStore store)
    {
        if (store.Find(id) is not { } record)
        {
            return NotFound(id);
        }

        if (!File.Exists(record.AudioPath))
        {
            return TypedResults.Problem($"programme {id} is in the catalogue but its encoded file is missing from {store.Directory}/objects; delete it and upload it again", statusCode: StatusCodes.Status404NotFound);
        }

        // Objects are named by content and never rewritten, so the hash is a strong validator.
        return TypedResults.PhysicalFile(record.AudioPath, "audio/ogg", lastModified: record.CreatedAt, entityTag: new EntityTagHeaderValue($"\"{record.ContentHash}\""), enableRangeProcessing: true);
    }

    private static async Task<Results<Created<ProgrammeView>, Ok<ProgrammeView>, ProblemHttpResult>> UploadAsync(HttpRequest request, ProgrammeStore store, string actor, Func<string?, string?>? authorizeCommune, CancellationToken cancellationToken)
    {
        try
        {
            var result = await ProgrammeUploadForm.ImportAsync(request, store, actor, authorizeCommune, cancellationToken).ConfigureAwait(false);
            var view = ProgrammeView.From(result.Record, result.Duplicate);
            return result.Duplicate ? TypedResults.Ok(view) : TypedResults.Created($"/api/programmes/{view.Id}", view);
        }
        catch (ProgrammeUploadException ex)
        {
            return TypedResults.Problem(
                ex.Message,
                statusCode: StatusOf(ex.Refusal),
                title: "upload refused",
                extensions: new Dictionary<string, object?> { ["refusal"] = RefusalName(ex.Refusal), ["field"] = ex.Field });
        }
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string id, ProgrammeStore store, string actor, CancellationToken cancellationToken)
    {
        var result = await store.DeleteAsync(id, actor, cancellationToken).ConfigureAwait(false);
        return result.Status switch
        {
            DeleteStatus.Deleted => TypedResults.NoContent(),
            DeleteStatus.InUse => TypedResults.Problem(
                $"programme {id} '{result.Record!.Title}' is still needed by {result.Usage}; remove it from that schedule first",
                statusCode: StatusCodes.Status409Conflict,
                extensions: new Dictionary<string, object?> { ["schedule"] = result.Usage }),
            _ => NotFound(id),
        };
    }

    internal static int StatusOf(UploadRefusal refusal) => refusal switch
    {
        UploadRefusal.TooLarge => StatusCodes.Status413PayloadTooLarge,
        UploadRefusal.DecoderMissing => StatusCodes.Status503ServiceUnavailable,
        UploadRefusal.StorageFailed => StatusCodes.Status500InternalServerError,
        UploadRefusal.Forbidden => StatusCodes.Status403Forbidden,
        _ => StatusCodes.Status400BadRequest,
    };

    // Stable kebab-case names: bcast upload picks its exit code from them.
    internal static string RefusalName(UploadRefusal refusal) => refusal switch
    {
        UploadRefusal.InvalidField => "invalid-field",
        UploadRefusal.TooLarge => "too-large",
        UploadRefusal.NotAudio => "not-audio",
        UploadRefusal.DecoderMissing => "decoder-missing",
        UploadRefusal.Forbidden => "forbidden",
        _ => "storage-failed",
    };

    private static ProblemHttpResult NotFound(string id) =>
        TypedResults.Problem($"no programme '{id}' in the library; GET /api/programmes lists them", statusCode: StatusCodes.Status404NotFound);
}
