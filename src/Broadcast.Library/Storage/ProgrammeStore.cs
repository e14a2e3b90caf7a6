using Broadcast.Audio.Codec;
using Broadcast.Audio.Ingest;
using Broadcast.Audio.Pipeline;
using Broadcast.Audit;
using Broadcast.Library.Bulletins;
using Broadcast.Library.Search;
using Broadcast.Library.Uploads;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Broadcast.Library.Storage;

/// <summary>
/// The programme library: receives uploads (streamed to disk while hashed), encodes each distinct upload once into
/// <c>objects/{sha256}.opus</c>, records its metadata in SQLite, and answers lookups and searches. Every method that
/// changes something takes the <c>actor</c> who asked, for the audit trail.
/// </summary>
/// <remarks>
/// Order of an upload: receive into <c>incoming/</c> -> (per-hash lock) duplicate check -> encode to a temp file in
/// <c>incoming/</c> -> rename into <c>objects/</c> -> insert the row and its audit entry in one transaction. Whatever
/// fails, the incoming files are deleted and no row points at a missing or partial file.
/// </remarks>
public sealed partial class ProgrammeStore : IProgrammeCatalog, IDisposable
{
    private readonly LibraryLayout _layout;
    private readonly ProgrammeDatabase _database;
    private readonly LibraryAudit _audit;
    private readonly BulletinAudit _bulletinAudit;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ICommuneDirectory? _communes;
    private readonly IProgrammeUsage? _usage;
    private readonly KeyedLock _locks = new();
    private readonly SemaphoreSlim _encodes;

    /// <param name="options">Limits and the library folder (<see cref="LibraryOptions.Directory"/> must be set).</param>
    /// <param name="audit">Where uploads and deletes are recorded.</param>
    /// <param name="time">Clock for the created-at times.</param>
    /// <param name="logger">Log.</param>
    /// <param name="communes">Checks commune names of uploads; null accepts any name.</param>
    /// <param name="usage">Asked before a delete whether a future schedule needs the programme; null allows every delete.</param>
    public ProgrammeStore(IOptions<LibraryOptions> options, IAuditTrail audit, TimeProvider time, ILogger<ProgrammeStore> logger, ICommuneDirectory? communes = null, IProgrammeUsage? usage = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(audit);
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.Directory))
        {
            throw new LibraryStorageException("Library:Directory is not set (it defaults to {Controller:DataDir}/library when the library is added with AddBroadcastLibrary)");
        }

        MaxUploadBytes = settings.MaxUploadBytes;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _communes = communes;
        _usage = usage;
        _audit = new LibraryAudit(audit, _logger);
        _bulletinAudit = new BulletinAudit(audit, _logger);
        _encodes = new SemaphoreSlim(settings.MaxConcurrentEncodes, settings.MaxConcurrentEncodes);
        _layout = new LibraryLayout(settings.Directory);
        _layout.Create();
        RemoveStaleIncoming();
        _database = new ProgrammeDatabase(_layout, _time.GetUtcNow());
        if (_database.Migration is { } migration)
        {
            _bulletinAudit.Migrated(migration);
        }

        LibraryLog.LibraryOpened(_logger, _layout.Root, _database.Search(new ProgrammeQuery { PageSize = 1 }).Total);
    }

    /// <summary>Largest upload accepted, in bytes (<see cref="LibraryOptions.MaxUploadBytes"/>).</summary>
    public long MaxUploadBytes { get; }

    /// <summary>The library folder (holds <c>library.db</c>, <c>objects/</c>, <c>incoming/</c>).</summary>
    public string Directory => _layout.Root;

    /// <summary>Where work files of an ingest go (emptied at every start).</summary>
    internal string IncomingDirectory => _layout.Incoming;

    /// <inheritdoc/>
    public ProgrammeRecord? Find(string id) => Key(id) is { } key ? _database.FindById(key) : null;

    /// <summary>Programmes matching <paramref name="query"/>, newest first.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Page below 1, page size outside 1 to <see cref="ProgrammeQuery.MaxPageSize"/>.</exception>
    /// <exception cref="ArgumentException">An unknown category.</exception>
    public ProgrammePage Search(ProgrammeQuery query)
    {
        CheckPaging(query);
        var category = query.Category is null ? null : ProgrammeCategories.Find(query.Category)
            ?? throw new ArgumentException($"unknown category '{query.Category}'; use one of {string.Join(", ", ProgrammeCategories.All)}", nameof(query));
        var commune = string.IsNullOrWhiteSpace(query.Commune) ? null : _communes?.FindCommune(query.Commune) ?? query.Commune;
        return _database.Search(query with { Category = category, Commune = commune });
    }

    /// <summary>Checks an upload's metadata before its file is received, so a bad title costs no transfer. Refusals are audited.</summary>
    /// <exception cref="ProgrammeUploadException">A field is missing or out of range.</exception>
    public void CheckUpload(ProgrammeUpload upload, string? fileName, string actor) => Validate(upload, UploadFileName.Sanitize(fileName), actor);

    /// <summary>Receives, hashes and ingests one upload (<see cref="ReceiveAsync"/> then <see cref="ImportAsync"/>).</summary>
    /// <exception cref="ProgrammeUploadException">The upload was refused; nothing was stored.</exception>
    public async Task<UploadResult> UploadAsync(Stream content, string? fileName, ProgrammeUpload upload, string actor, IProgress<EncodeProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        CheckUpload(upload, fileName, actor);
        using var incoming = await ReceiveAsync(content, fileName, actor, cancellationToken).ConfigureAwait(false);
        return await ImportAsync(incoming, upload, actor, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Streams <paramref name="content"/> into <c>incoming/</c> while hashing it, refusing it past
    /// <see cref="MaxUploadBytes"/>. The caller disposes the result (that deletes the received bytes).
    /// </summary>
    /// <exception cref="ProgrammeUploadException">The upload is too large (audited); nothing is left on disk.</exception>
    public async Task<IncomingUpload> ReceiveAsync(Stream content, string? fileName, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        try
        {
            return await UploadReceiver.ReceiveAsync(content, _layout.Incoming, fileName, MaxUploadBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (ProgrammeUploadException ex)
        {
            _audit.Refused(actor, UploadFileName.Sanitize(fileName), ex, commune: null);
            throw;
        }
    }

    /// <summary>
    /// Ingests a received upload: the existing programme when the same bytes were stored before (nothing is encoded),
    /// otherwise decode, normalise, encode once and record it. Concurrent identical uploads encode once.
    /// </summary>
    /// <exception cref="ProgrammeUploadException">Bad metadata, not audio, decoder missing, or the library cannot be written (audited).</exception>
    public async Task<UploadResult> ImportAsync(IncomingUpload incoming, ProgrammeUpload upload, string actor, IProgress<EncodeProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        var hash = incoming.ContentHash;
        var metadata = Validate(upload, hash[..ProgrammeDatabase.IdLength], actor);
        using (await _locks.AcquireAsync(hash, cancellationToken).ConfigureAwait(false))
        {
            if (_database.FindByHash(hash) is { } existing)
            {
                _audit.Duplicate(actor, existing, incoming.FileName);
                return new UploadResult(existing, Duplicate: true);
            }

            var encoded = Path.Combine(_layout.Incoming, $"{Guid.NewGuid():N}.opus");
            try
            {
                var result = await EncodeAsync(incoming, encoded, metadata, actor, progress, cancellationToken).ConfigureAwait(false);
                return Commit(incoming, encoded, result, metadata, actor);
            }
            finally
            {
                TryDeleteFile(encoded);
            }
        }
    }

    /// <summary>Records a refusal that happened before the store saw the upload (a malformed form, a body over the server's limit).</summary>
    public void RecordRefusedUpload(string actor, string? fileName, ProgrammeUploadException refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        _audit.Refused(actor, UploadFileName.Sanitize(fileName), refusal, commune: null);
    }

    /// <summary>
    /// Deletes a programme and its encoded file, unless <see cref="IProgrammeUsage"/> reports a future schedule that plays
    /// it (then nothing changes and the result names the schedule). Both outcomes are audited.
    /// </summary>
    public async Task<DeleteResult> DeleteAsync(string id, string actor, CancellationToken cancellationToken = default)
    {
        if (Find(id) is not { } record)
        {
            return new DeleteResult(DeleteStatus.NotFound, null);
        }

        // Held so an identical upload cannot re-create the object file between the row delete and the file delete.
        using (await _locks.AcquireAsync(record.ContentHash, cancellationToken).ConfigureAwait(false))
        {
            if (_usage?.FindFutureUse(record.Id) is { } usage)
            {
                _audit.DeleteRefused(actor, record, usage);
                return new DeleteResult(DeleteStatus.InUse, record, usage);
            }

            if (!_database.Delete(record.Id, () => _audit.Deleted(actor, record)))
            {
                return new DeleteResult(DeleteStatus.NotFound, null);
            }

            TryDeleteFile(record.AudioPath);
            return new DeleteResult(DeleteStatus.Deleted, record);
        }
    }

    public void Dispose()
    {
        _database.Close();
        _encodes.Dispose();
    }

    private static void CheckPaging(ProgrammeQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Page, 1, nameof(query.Page));
        ArgumentOutOfRangeException.ThrowIfLessThan(query.PageSize, 1, nameof(query.PageSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.PageSize, ProgrammeQuery.MaxPageSize, nameof(query.PageSize));
    }

    // The streaming engine asks with whatever an operator typed (often a file path): only hex can be an id.
    private static string? Key(string? id) =>
        string.IsNullOrEmpty(id) || id.Length > 64 || !id.All(char.IsAsciiHexDigit) ? null : id.ToLowerInvariant();

    private UploadMetadata Validate(ProgrammeUpload upload, string subject, string actor)
    {
        try
        {
            return UploadMetadata.Validate(upload, _communes);
        }
        catch (ProgrammeUploadException ex)
        {
            _audit.Refused(actor, subject, ex, upload?.Commune);
            throw;
        }
    }

    private async Task<EncodeResult> EncodeAsync(IncomingUpload incoming, string output, UploadMetadata metadata, string actor, IProgress<EncodeProgress>? progress, CancellationToken cancellationToken)
    {
        await _encodes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await new ProgrammeEncoder(_time).EncodeAsync(incoming.FilePath, output, new ProgrammeEncoderOptions { Title = metadata.Title }, progress, cancellationToken).ConfigureAwait(false);
        }
        catch (AudioIngestException ex)
        {
            var refusal = ex.Error == AudioIngestError.DecoderMissing ? UploadRefusal.DecoderMissing : UploadRefusal.NotAudio;
            throw Refuse(new ProgrammeUploadException(refusal, "file", ex.Message, ex));
        }
        catch (OpusLibraryMissingException ex)
        {
            throw Refuse(new ProgrammeUploadException(UploadRefusal.DecoderMissing, null, ex.Message, ex));
        }
        catch (AudioOutputException ex)
        {
            throw Refuse(new ProgrammeUploadException(UploadRefusal.StorageFailed, null, $"cannot write the encoded programme in {_layout.Incoming}: {ex.Message}", ex));
        }
        finally
        {
            _encodes.Release();
        }

        ProgrammeUploadException Refuse(ProgrammeUploadException refusal)
        {
            _audit.Refused(actor, incoming.ContentHash[..ProgrammeDatabase.IdLength], refusal, metadata.Commune);
            return refusal;
        }
    }

    private UploadResult Commit(IncomingUpload incoming, string encoded, EncodeResult result, UploadMetadata metadata, string actor)
    {
        var hash = incoming.ContentHash;
        var target = _layout.ObjectPath(hash);
        try
        {
            // Replaces a leftover of a run that died between this rename and its insert; same bytes in, same programme out.
            File.Move(encoded, target, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            var refusal = new ProgrammeUploadException(UploadRefusal.StorageFailed, null, $"cannot store the encoded programme as {target}: {ex.Message}", ex);
            _audit.Refused(actor, hash[..ProgrammeDatabase.IdLength], refusal, metadata.Commune);
            throw refusal;
        }

        var inserted = false;
        try
        {
            var now = DateTimeOffset.FromUnixTimeMilliseconds(_time.GetUtcNow().ToUnixTimeMilliseconds());
            (var record, inserted) = _database.Insert(
                hash,
                id => new ProgrammeRecord(
                    id,
                    metadata.Title,
                    metadata.Category,
                    metadata.Commune,
                    Owner: actor,
                    result.DurationSeconds,
                    LoudnessLufs: result.Silent || !double.IsFinite(result.OutputLufs) ? null : result.OutputLufs,
                    hash,
                    result.OutputBytes,
                    target,
                    now,
                    CreatedBy: actor,
                    ApprovedAt: null,
                    ApprovedBy: null)
                {
                    SourceFileName = incoming.FileName,
                    SourceBytes = incoming.Length,
                },
                r => _audit.Stored(actor, r));
            if (!inserted)
            {
                // Another process stored the same bytes meanwhile; the file it renamed in is identical to ours.
                _audit.Duplicate(actor, record, incoming.FileName);
                return new UploadResult(record, Duplicate: true);
            }

            if (record.LoudnessLufs is null)
            {
                LibraryLog.SilentProgramme(_logger, record.Id, record.Title);
            }

            return new UploadResult(record, Duplicate: false);
        }
        finally
        {
            // The row (with its audit entry) could not be written: no object file without a row.
            if (!inserted && _database.FindByHash(hash) is null)
            {
                TryDeleteFile(target);
            }
        }
    }

    private void RemoveStaleIncoming()
    {
        var stale = 0;
        foreach (var entry in new DirectoryInfo(_layout.Incoming).EnumerateFileSystemInfos())
        {
            var removed = entry is DirectoryInfo ? IncomingFolder.TryDelete(entry.FullName) : TryDeleteFile(entry.FullName);
            stale += removed ? 1 : 0;
        }

        if (stale > 0)
        {
            LibraryLog.StaleIncomingRemoved(_logger, stale, _layout.Incoming);
        }
    }

    private bool TryDeleteFile(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LibraryLog.CleanupFailed(_logger, path, ex.Message);
            return false;
        }
    }
}
