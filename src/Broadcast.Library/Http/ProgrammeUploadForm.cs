using System.Text;
using Broadcast.Library.Storage;
using Broadcast.Library.Uploads;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Broadcast.Library.Http;

/// <summary>
/// Reads <c>POST /api/programmes</c> (multipart/form-data: <c>file</c>, <c>title</c>, <c>category</c>, <c>commune</c>)
/// section by section with <see cref="MultipartReader"/>: the file goes straight from the socket into the store's
/// incoming folder, never whole into memory (IFormFile would buffer it, to disk past 64 KiB, and then it would be
/// copied a second time).
/// </summary>
public static class ProgrammeUploadForm
{
    /// <summary>Room in the request body for the boundaries, part headers and text fields around the file.</summary>
    public const long OverheadBytes = 64 * 1024;

    private const int MaxFieldChars = 4096;
    private static readonly string[] Fields = ["file", "title", "category", "commune"];

    /// <summary>
    /// Raises the server's request body limit for this request to <see cref="ProgrammeStore.MaxUploadBytes"/> plus
    /// <see cref="OverheadBytes"/> (Kestrel's default of 30 MB applies to every other endpoint), then reads and
    /// ingests the upload.
    /// </summary>
    /// <param name="request">The upload request.</param>
    /// <param name="store">Where it goes.</param>
    /// <param name="actor">Who is uploading, for the audit trail.</param>
    /// <param name="authorizeCommune">
    /// Whether <paramref name="actor"/> may upload for the given commune (null: a district programme): null when allowed,
    /// else the reason (HTTP 403). Asked before the file is received when the fields come first, and always before ingest.
    /// </param>
    /// <param name="cancellationToken">Cancels the transfer and the encode; nothing is kept.</param>
    /// <exception cref="ProgrammeUploadException">Refused (audited); nothing was stored.</exception>
    public static async Task<UploadResult> ImportAsync(HttpRequest request, ProgrammeStore store, string actor, Func<string?, string?>? authorizeCommune, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(store);
        RaiseBodyLimit(request, store);
        var (incoming, fields) = await ReceiveAsync(request, store, actor, authorizeCommune, cancellationToken).ConfigureAwait(false);
        using (incoming)
        {
            Check(store, Upload(fields), incoming.FileName, actor, authorizeCommune);
            return await store.ImportAsync(incoming, Upload(fields), actor, progress: null, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Receives only the file of a multipart form (the new audio of an existing programme, field <c>file</c>) into the
    /// store's incoming folder; the caller ingests it and disposes it. Refusals are audited like an upload's.
    /// </summary>
    internal static async Task<IncomingUpload> ReceiveFileAsync(HttpRequest request, ProgrammeStore store, string actor, CancellationToken cancellationToken)
    {
        RaiseBodyLimit(request, store);
        var (incoming, _) = await ReceiveAsync(request, store, actor, authorizeCommune: null, cancellationToken).ConfigureAwait(false);
        return incoming;
    }

    private static void RaiseBodyLimit(HttpRequest request, ProgrammeStore store)
    {
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = store.MaxUploadBytes + OverheadBytes;
        }
    }

    // Field checks first (an unknown commune is a 400, not a 403), then the caller's scope.
    private static void Check(ProgrammeStore store, ProgrammeUpload upload, string? fileName, string actor, Func<string?, string?>? authorizeCommune)
    {
        store.CheckUpload(upload, fileName, actor);
        var commune = string.IsNullOrWhiteSpace(upload.Commune) ? null : upload.Commune.Trim();
        if (authorizeCommune?.Invoke(commune) is { } reason)
        {
            var refusal = new ProgrammeUploadException(UploadRefusal.Forbidden, "commune", reason);
            store.RecordRefusedUpload(actor, fileName, refusal);
            throw refusal;
        }
    }

    // Reads the whole form: the file into the store's incoming folder, the text fields into memory.
    private static async Task<(IncomingUpload Incoming, Dictionary<string, string> Fields)> ReceiveAsync(HttpRequest request, ProgrammeStore store, string actor, Func<string?, string?>? authorizeCommune, CancellationToken cancellationToken)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? fileName = null;
        IncomingUpload? incoming = null;
        try
        {
            var reader = new MultipartReader(Boundary(request), request.Body) { BodyLengthLimit = null };
            while (await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                {
                    throw Invalid("file", "every part of the form needs a Content-Disposition: form-data header");
                }

                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? string.Empty;
                var isFile = disposition.IsFileDisposition() || name.Equals("file", StringComparison.OrdinalIgnoreCase);
                if (!isFile)
                {
                    fields[name] = await ReadFieldAsync(section, name, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (!name.Equals("file", StringComparison.OrdinalIgnoreCase) || incoming is not null)
                {
                    throw Invalid("file", incoming is null ? $"the file came in the field '{name}'; send it in the field 'file'" : "send one file per upload");
                }

                fileName = FileName(disposition);
                if (fields.ContainsKey("title"))
                {
                    // The fields came first (bcast upload sends them first): refuse bad ones before the transfer.
                    Check(store, Upload(fields), fileName, actor, authorizeCommune);
                }

                incoming = await store.ReceiveAsync(section.Body, fileName, actor, cancellationToken).ConfigureAwait(false);
            }

            return (incoming ?? throw Invalid("file", "the form holds no file; send the audio in the multipart field 'file'"), fields);
        }
        catch (Exception ex) when (ex is FormRefusal or IOException or InvalidDataException)
        {
            incoming?.Dispose();
            var refusal = Refusal(ex, store.MaxUploadBytes);
            store.RecordRefusedUpload(actor, fileName, refusal);
            throw refusal;
        }
        catch
        {
            incoming?.Dispose();
            throw;
        }
    }

    private static ProgrammeUploadException Refusal(Exception ex, long maxUploadBytes) => ex switch
    {
        FormRefusal form => form.Exception,
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => new ProgrammeUploadException(
            UploadRefusal.TooLarge,
            "file",
            $"the upload is larger than the limit of {UploadReceiver.Size(maxUploadBytes)} (Library:MaxUploadBytes); nothing was stored",
            ex),
        // Kestrel's other body errors, MultipartReader's malformed parts (InvalidDataException) and a body that ends
        // before its closing boundary (IOException). The store's own write errors arrive as ProgrammeUploadException.
        _ => new ProgrammeUploadException(UploadRefusal.InvalidField, "file", $"file: the upload is malformed or ended early ({ex.Message}); nothing was stored", ex),
    };

    private static ProgrammeUpload Upload(Dictionary<string, string> fields) =>
        new(fields.GetValueOrDefault("title"), fields.GetValueOrDefault("category"), fields.GetValueOrDefault("commune"));

    private static string Boundary(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
        {
            throw Invalid("file", $"send the programme as multipart/form-data with the fields {string.Join(", ", Fields)} (got Content-Type '{request.ContentType}')");
        }

        return boundary;
    }

    private static string? FileName(ContentDispositionHeaderValue disposition)
    {
        // filename* (RFC 6266, UTF-8) carries Vietnamese names intact; plain filename is the fallback.
        var name = disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName;
        return HeaderUtilities.RemoveQuotes(name).Value;
    }

    private static async Task<string> ReadFieldAsync(MultipartSection section, string name, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(section.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 1024, leaveOpen: true);
        var buffer = new char[MaxFieldChars + 1];
        var length = 0;
        int n;
        while (length < buffer.Length && (n = await reader.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
        {
            length += n;
        }

        return length > MaxFieldChars ? throw Invalid(name, $"the value is longer than {MaxFieldChars} characters") : new string(buffer, 0, length);
    }

    private static FormRefusal Invalid(string field, string message) => new(ProgrammeUploadException.InvalidField(field, message));

    /// <summary>Marks refusals found by the form reader itself, which the store has not audited yet.</summary>
    private sealed class FormRefusal(ProgrammeUploadException exception) : Exception(exception.Message, exception)
    {
        public ProgrammeUploadException Exception { get; } = exception;
    }
}
