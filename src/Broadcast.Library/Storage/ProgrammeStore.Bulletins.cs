using System.Globalization;
using Broadcast.Audit;
using Broadcast.Library.Bulletins;
using Broadcast.Library.Search;
using Broadcast.Library.Uploads;

namespace Broadcast.Library.Storage;

/// <summary>
/// The approval workflow of the library's programmes (docs/bulletins.md): submit, approve, reject, edit, replace the
/// audio, flag an emergency use, review it. Each step reads and writes the row in one write transaction with its audit
/// entry, so two approvers deciding at once are serialised and nothing changes without its entry. Refusals are
/// audited too (result <c>refused</c>).
/// </summary>
public sealed partial class ProgrammeStore
{
    // Bulletins listed as scheduled or aired are found among the approved ones, at most this many (newest first).
    private const int MaxApprovedScanned = 10_000;

    /// <summary>Sends a draft or rejected programme for approval.</summary>
    /// <exception cref="BulletinException">No such programme, or it is already submitted or approved (409 naming the state).</exception>
    public ProgrammeRecord Submit(string id, string actor) =>
        Step(id, actor, BulletinAuditActions.Submit, r => BulletinRules.Submit(r, actor, Now()));

    /// <summary>Approves a submitted programme: it may then air. Clears an emergency-use flag.</summary>
    /// <exception cref="BulletinException">Not an approver for its commune, the four-eyes rule, or not submitted.</exception>
    public ProgrammeRecord Approve(string id, BulletinActor actor, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return Step(id, actor.Name, BulletinAuditActions.Approve, r => BulletinRules.Approve(r, actor, Covers(actor.Approval, r.Commune), Now()), (before, _) => Note(actor, before, note));
    }

    /// <summary>Rejects a submitted programme with a reason its editor can act on.</summary>
    /// <exception cref="BulletinException">No reason, not an approver for its commune, or not submitted.</exception>
    public ProgrammeRecord Reject(string id, BulletinActor actor, string? reason)
    {
        ArgumentNullException.ThrowIfNull(actor);
        try
        {
            var clean = BulletinRules.Reason(reason);
            return Step(id, actor.Name, BulletinAuditActions.Reject, r => BulletinRules.Reject(r, actor, Covers(actor.Approval, r.Commune), clean, Now()), (_, _) => "reason: " + clean);
        }
        catch (BulletinException ex) when (ex.Field == "reason")
        {
            _bulletinAudit.Refused(actor.Name, BulletinAuditActions.Reject, id, Find(id)?.Commune, ex);
            throw;
        }
    }

    /// <summary>Clears the flag an emergency use left on a programme, after an approver has listened to it.</summary>
    /// <exception cref="BulletinException">Not flagged, not an approver for its commune, or the four-eyes rule.</exception>
    public ProgrammeRecord Review(string id, BulletinActor actor, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return Step(id, actor.Name, BulletinAuditActions.Review, r => BulletinRules.Review(r, actor, Covers(actor.Approval, r.Commune)), (before, _) => $"emergency use reviewed ({before.FlagDetail} by {before.FlaggedBy}){(string.IsNullOrWhiteSpace(note) ? string.Empty : ": " + note.Trim())}");
    }

    /// <summary>Changes the title or category; an approved programme goes back to submitted. No change, no entry.</summary>
    /// <exception cref="BulletinException">No such programme, or a bad title or category (400).</exception>
    public ProgrammeRecord Edit(string id, string actor, ProgrammeEdit edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        return Step(
            id,
            actor,
            BulletinAuditActions.Edit,
            r =>
            {
                var checkedEdit = CheckEdit(r, edit);
                var changed = r with { Title = checkedEdit.Title, Category = checkedEdit.Category };
                return changed == r ? null : BulletinRules.Edit(changed, actor, Now());
            },
            (before, after) => Changes(before, after));
    }

    /// <summary>
    /// Replaces the audio of a programme with a received upload (encoded once like any upload); the id stays, so its
    /// schedules keep it, and an approved programme goes back to submitted. The old encoded file is deleted.
    /// </summary>
    /// <exception cref="BulletinException">No such programme, or the recording is already another programme (409).</exception>
    /// <exception cref="ProgrammeUploadException">The upload is not audio, or the library cannot be written.</exception>
    public async Task<ProgrammeRecord> ReplaceAudioAsync(string id, IncomingUpload incoming, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        var record = Find(id) ?? throw NotFound(id);
        var hash = incoming.ContentHash;
        if (hash == record.ContentHash)
        {
            return record;
        }

        ProgrammeRecord after;
        using (await _locks.AcquireAsync(hash, cancellationToken).ConfigureAwait(false))
        {
            if (_database.FindByHash(hash) is { } other)
            {
                var refusal = new BulletinException(BulletinRefusal.Conflict, $"{incoming.FileName} is already programme {other.Id} '{other.Title}' in the library; {BulletinRules.Describe(record)} keeps its audio", record.State);
                _bulletinAudit.Refused(actor, BulletinAuditActions.Edit, record.Id, record.Commune, refusal);
                throw refusal;
            }

            var encoded = Path.Combine(_layout.Incoming, $"{Guid.NewGuid():N}.opus");
            try
            {
                var result = await EncodeAsync(incoming, encoded, new UploadMetadata(record.Title, record.Category, record.Commune), actor, null, cancellationToken).ConfigureAwait(false);
                var target = _layout.ObjectPath(hash);
                File.Move(encoded, target, overwrite: true);
                try
                {
                    after = Step(
                        record.Id,
                        actor,
                        BulletinAuditActions.Edit,
                        r => BulletinRules.Edit(
                            r with
                            {
                                ContentHash = hash,
                                AudioPath = target,
                                DurationSeconds = result.DurationSeconds,
                                LoudnessLufs = result.Silent || !double.IsFinite(result.OutputLufs) ? null : result.OutputLufs,
                                SizeBytes = result.OutputBytes,
                                SourceFileName = incoming.FileName,
                                SourceBytes = incoming.Length,
                            },
                            actor,
                            Now()),
                        (before, changed) => $"audio replaced by {incoming.FileName} ({changed.DurationSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s, was {before.DurationSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s)" + Returned(before, changed));
                }
                finally
                {
                    if (_database.FindByHash(hash) is null)
                    {
                        TryDeleteFile(target);
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new ProgrammeUploadException(UploadRefusal.StorageFailed, null, $"cannot store the new audio of programme {record.Id} in {_layout.Objects}: {ex.Message}", ex);
            }
            finally
            {
                TryDeleteFile(encoded);
            }
        }

        // The old recording is no programme's any more, unless the same bytes were uploaded again meanwhile.
        using (await _locks.AcquireAsync(record.ContentHash, cancellationToken).ConfigureAwait(false))
        {
            if (_database.FindByHash(record.ContentHash) is null)
            {
                TryDeleteFile(record.AudioPath);
            }
        }

        return after;
    }

    /// <inheritdoc/>
    public bool MarkFlaggedForReview(string id, string actor, string broadcast)
    {
        if (Key(id) is not { } key)
        {
            return false;
        }

        var result = _database.Update(
            key,
            r => BulletinRules.Flag(r, actor, broadcast, Now()),
            (before, after) => _bulletinAudit.Step(actor, BulletinAuditActions.EmergencyUse, before, after, $"used by emergency {broadcast} before approval; flagged for review"));
        if (result is not { } change || change.After == change.Before)
        {
            return false;
        }

        LibraryLog.EmergencyUseFlagged(_logger, key, broadcast, actor);
        return true;
    }

    /// <inheritdoc/>
    public void RecordAired(string id)
    {
        if (Key(id) is { } key)
        {
            // No audit entry: the broadcast's start is recorded by the streaming engine.
            _database.Update(key, r => r with { LastAiredAt = Now() }, (_, _) => { });
        }
    }

    /// <summary>Where <paramref name="record"/> stands as people see it (approved ones: scheduled, aired or approved).</summary>
    public Bulletin BulletinOf(ProgrammeRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var next = record.Approved ? _usage?.FindFutureUse(record.Id) : null;
        var status = record.State switch
        {
            ProgrammeState.Draft => BulletinStatus.Draft,
            ProgrammeState.Submitted => BulletinStatus.Submitted,
            ProgrammeState.Rejected => BulletinStatus.Rejected,
            _ when next is not null => BulletinStatus.Scheduled,
            _ when record.LastAiredAt is not null => BulletinStatus.Aired,
            _ => BulletinStatus.Approved,
        };
        return new Bulletin(record, status, next);
    }

    /// <summary>
    /// Bulletins matching <paramref name="query"/> and, when given, in <paramref name="status"/> exactly as
    /// <see cref="BulletinOf"/> shows it; newest first.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Page below 1, page size outside 1 to <see cref="ProgrammeQuery.MaxPageSize"/>.</exception>
    public BulletinPage SearchBulletins(ProgrammeQuery query, BulletinStatus? status = null)
    {
        CheckPaging(query);
        ProgrammePage page;
        switch (status)
        {
            case null or BulletinStatus.Draft or BulletinStatus.Submitted or BulletinStatus.Rejected:
                var state = status switch
                {
                    BulletinStatus.Draft => ProgrammeState.Draft,
                    BulletinStatus.Submitted => ProgrammeState.Submitted,
                    BulletinStatus.Rejected => ProgrammeState.Rejected,
                    _ => query.State,
                };
                page = Search(query with { State = state });
                return new BulletinPage([.. page.Items.Select(BulletinOf)], page.Page, page.PageSize, page.Total);
        }

        // Scheduled, aired and approved depend on the scheduler as well: sort the approved ones here.
        var matching = new List<Bulletin>();
        var scan = query with { State = ProgrammeState.Approved, Page = 1, PageSize = ProgrammeQuery.MaxPageSize };
        do
        {
            page = Search(scan);
            matching.AddRange(page.Items.Select(BulletinOf).Where(b => b.Status == status));
            scan = scan with { Page = scan.Page + 1 };
        }
        while (page.Items.Count == ProgrammeQuery.MaxPageSize && (scan.Page - 1) * ProgrammeQuery.MaxPageSize < MaxApprovedScanned);

        var items = matching.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToList();
        return new BulletinPage(items, query.Page, query.PageSize, matching.Count);
    }

    /// <summary>Records the text and voice a text-to-speech programme was read from (kept from the first time).</summary>
    internal ProgrammeRecord RecordSpeech(string id, string text, string voice, string actor) =>
        Step(
            id,
            actor,
            BulletinAuditActions.Speech,
            r => r.SpeechText is null ? r with { SpeechText = text, SpeechVoice = voice } : null,
            (_, after) => string.Create(CultureInfo.InvariantCulture, $"read by text-to-speech (voice {voice}, {text.Length} characters, {after.DurationSeconds:0.0} s)"));

    private ProgrammeRecord Step(string id, string actor, string action, Func<ProgrammeRecord, ProgrammeRecord?> rule, Func<ProgrammeRecord, ProgrammeRecord, string?>? note = null)
    {
        var key = Key(id) ?? throw NotFound(id);
        ProgrammeRecord? seen = null;
        try
        {
            var result = _database.Update(
                key,
                before =>
                {
                    seen = before;
                    return rule(before);
                },
                (before, after) => _bulletinAudit.Step(actor, action, before, after, note?.Invoke(before, after)));
            return result?.After ?? throw NotFound(id);
        }
        catch (LibraryConflictException ex)
        {
            var refusal = new BulletinException(BulletinRefusal.Conflict, ex.Message, seen?.State, innerException: ex);
            _bulletinAudit.Refused(actor, action, key, seen?.Commune, refusal);
            throw refusal;
        }
        catch (BulletinException ex) when (ex.Refusal != BulletinRefusal.NotFound)
        {
            _bulletinAudit.Refused(actor, action, key, seen?.Commune, ex);
            throw;
        }
    }

    private static (string Title, string Category) CheckEdit(ProgrammeRecord r, ProgrammeEdit edit)
    {
        try
        {
            var checkedEdit = UploadMetadata.Validate(new ProgrammeUpload(edit.Title ?? r.Title, edit.Category ?? r.Category), communes: null);
            return (checkedEdit.Title, checkedEdit.Category);
        }
        catch (ProgrammeUploadException ex)
        {
            throw new BulletinException(BulletinRefusal.InvalidField, ex.Message, r.State, ex.Field, ex);
        }
    }

    /// <summary>Does <paramref name="scope"/> cover items of <paramref name="commune"/> (null: a district item)?</summary>
    private bool Covers(ApprovalScope scope, string? commune)
    {
        if (scope.District)
        {
            return true;
        }

        if (commune is null)
        {
            return false;
        }

        // The account names communes by topology id; a programme records the canonical name.
        var folded = TextFolding.Fold(commune);
        return scope.Communes.Any(c => TextFolding.Fold(_communes?.FindCommune(c) ?? c) == folded);
    }

    private DateTimeOffset Now() => DateTimeOffset.FromUnixTimeMilliseconds(_time.GetUtcNow().ToUnixTimeMilliseconds());

    private static string? Note(BulletinActor actor, ProgrammeRecord before, string? note)
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(note))
        {
            parts.Add("note: " + note.Trim());
        }

        if (before.FlaggedForReview)
        {
            parts.Add($"clears the review flag of {before.FlagDetail}");
        }

        if (actor.SingleUser)
        {
            parts.Add("four-eyes rule not applied: accounts are off");
        }

        return parts.Count == 0 ? null : string.Join("; ", parts);
    }

    private static string Changes(ProgrammeRecord before, ProgrammeRecord after)
    {
        var parts = new List<string>();
        if (before.Title != after.Title)
        {
            parts.Add($"title '{before.Title}' -> '{after.Title}'");
        }

        if (before.Category != after.Category)
        {
            parts.Add($"category {before.Category} -> {after.Category}");
        }

        return string.Join(", ", parts) + Returned(before, after);
    }

    private static string Returned(ProgrammeRecord before, ProgrammeRecord after) =>
        before.Approved && !after.Approved ? $"; it was approved by {before.ApprovedBy} and goes back for approval" : string.Empty;

    private static BulletinException NotFound(string id) =>
        new(BulletinRefusal.NotFound, $"no programme '{id}' in the library; GET /api/bulletins lists them");
}
