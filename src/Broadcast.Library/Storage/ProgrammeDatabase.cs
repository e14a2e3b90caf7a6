using System.Globalization;
using System.Text;
using Broadcast.Library.Bulletins;
using Broadcast.Library.Search;
using Microsoft.Data.Sqlite;

namespace Broadcast.Library.Storage;

/// <summary>
/// The metadata table in <c>library.db</c>. One short-lived connection per call (pooled by Microsoft.Data.Sqlite), WAL
/// journal so searches never wait for an upload being recorded. Times are Unix milliseconds UTC, so date filters are
/// integer comparisons on an index.
/// </summary>
internal sealed class ProgrammeDatabase
{
    /// <summary>Ids are the first 12 hex digits of the content hash (48 bits): longer only if two uploads ever share them.</summary>
    public const int IdLength = 12;

    private const string Columns =
        "id, content_hash, title, category, commune, owner, duration_seconds, loudness_lufs, size_bytes, source_name, source_bytes, created_at_ms, created_by, approved_at_ms, approved_by, "
        + "state, submitted_at_ms, submitted_by, rejected_at_ms, rejected_by, rejection_reason, edited_at_ms, edited_by, flagged, flagged_at_ms, flagged_by, flag_detail, speech_text, speech_voice, aired_at_ms";

    // Everything a workflow step or an edit may change; id, commune, owner and creation stay as uploaded.
    private static readonly string[] Mutable =
    [
        "content_hash", "title", "title_folded", "category", "duration_seconds", "loudness_lufs", "size_bytes", "source_name", "source_bytes",
        "approved_at_ms", "approved_by", "state", "submitted_at_ms", "submitted_by", "rejected_at_ms", "rejected_by", "rejection_reason",
        "edited_at_ms", "edited_by", "flagged", "flagged_at_ms", "flagged_by", "flag_detail", "speech_text", "speech_voice", "aired_at_ms",
    ];

    private readonly string _connectionString;
    private readonly LibraryLayout _layout;

    /// <param name="layout">Where <c>library.db</c> is.</param>
    /// <param name="now">The time an upgrade records as the approval time of older district programmes.</param>
    public ProgrammeDatabase(LibraryLayout layout, DateTimeOffset now)
    {
        _layout = layout;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = layout.Database,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
        }.ToString();
        using var connection = Open();
        Migration = LibrarySchema.Apply(connection, layout.Database, now);
    }

    /// <summary>What opening this file upgraded, or null when it was already current.</summary>
    public LibraryMigration? Migration { get; }

    public ProgrammeRecord? FindById(string id)
    {
        using var connection = Open();
        return QuerySingle(connection, null, $"SELECT {Columns} FROM programmes WHERE id = $v", id);
    }

    public ProgrammeRecord? FindByHash(string contentHash)
    {
        using var connection = Open();
        return QuerySingle(connection, null, $"SELECT {Columns} FROM programmes WHERE content_hash = $v", contentHash);
    }

    /// <summary>
    /// Inserts the programme for <paramref name="contentHash"/> unless a row for those bytes exists (then returns it with
    /// <c>Inserted</c> false). <paramref name="beforeCommit"/> runs inside the write transaction: if it throws (the audit
    /// could not be written), the row is not kept.
    /// </summary>
    public (ProgrammeRecord Record, bool Inserted) Insert(string contentHash, Func<string, ProgrammeRecord> create, Action<ProgrammeRecord> beforeCommit)
    {
        using var connection = Open();
        // BEGIN IMMEDIATE: the duplicate check and the insert hold the write lock together, also across processes.
        using var transaction = connection.BeginTransaction(deferred: false);
        var existing = QuerySingle(connection, transaction, $"SELECT {Columns} FROM programmes WHERE content_hash = $v", contentHash);
        if (existing is not null)
        {
            return (existing, false);
        }

        var record = create(FreeId(connection, transaction, contentHash));
        using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText =
                $"INSERT INTO programmes (id, commune, commune_folded, owner, created_at_ms, created_by, {string.Join(", ", Mutable)}) "
                + $"VALUES ($id, $commune, $communeFolded, $owner, $created, $createdBy, {string.Join(", ", Mutable.Select(c => "$" + c))})";
            insert.Parameters.AddWithValue("$id", record.Id);
            insert.Parameters.AddWithValue("$commune", (object?)record.Commune ?? DBNull.Value);
            insert.Parameters.AddWithValue("$communeFolded", record.Commune is null ? DBNull.Value : TextFolding.Fold(record.Commune));
            insert.Parameters.AddWithValue("$owner", record.Owner);
            insert.Parameters.AddWithValue("$created", record.CreatedAt.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue("$createdBy", record.CreatedBy);
            BindMutable(insert, record);
            insert.ExecuteNonQuery();
        }

        beforeCommit(record);
        transaction.Commit();
        return (record, true);
    }

    /// <summary>Deletes the row; <paramref name="beforeCommit"/> runs inside the transaction (see <see cref="Insert"/>). False when there is no such id.</summary>
    public bool Delete(string id, Action beforeCommit)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        using var delete = connection.CreateCommand();
        delete.Transaction = transaction;
        delete.CommandText = "DELETE FROM programmes WHERE id = $id";
        delete.Parameters.AddWithValue("$id", id);
        if (delete.ExecuteNonQuery() == 0)
        {
            return false;
        }

        beforeCommit();
        transaction.Commit();
        return true;
    }

    /// <summary>
    /// Reads the row under the write lock, asks <paramref name="change"/> for its new version (null: nothing to change;
    /// it may throw to refuse), writes it and runs <paramref name="beforeCommit"/> inside the same transaction (the
    /// audit entry: no change without its entry). Null when there is no such id.
    /// </summary>
    /// <exception cref="LibraryConflictException">The new content hash belongs to another programme.</exception>
    public (ProgrammeRecord Before, ProgrammeRecord After)? Update(string id, Func<ProgrammeRecord, ProgrammeRecord?> change, Action<ProgrammeRecord, ProgrammeRecord> beforeCommit)
    {
        using var connection = Open();
        // BEGIN IMMEDIATE: two approvers deciding at once are serialised; the second sees the first one's state.
        using var transaction = connection.BeginTransaction(deferred: false);
        if (QuerySingle(connection, transaction, $"SELECT {Columns} FROM programmes WHERE id = $v", id) is not { } before)
        {
            return null;
        }

        if (change(before) is not { } after || after == before)
        {
            return (before, before);
        }

        using (var update = connection.CreateCommand())
        {
            update.Transaction = transaction;
            update.CommandText = $"UPDATE programmes SET {string.Join(", ", Mutable.Select(c => $"{c} = ${c}"))} WHERE id = $id";
            update.Parameters.AddWithValue("$id", id);
            BindMutable(update, after);
            try
            {
                update.ExecuteNonQuery();
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode == 19 /* SQLITE_CONSTRAINT: content_hash is UNIQUE */)
            {
                throw new LibraryConflictException($"the new audio of programme {id} is identical to another programme's; nothing was changed", ex);
            }
        }

        beforeCommit(before, after);
        transaction.Commit();
        return (before, after);
    }

    public ProgrammePage Search(ProgrammeQuery query)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        var where = new StringBuilder("WHERE 1 = 1");
        var terms = TextFolding.Terms(query.Text);
        for (var i = 0; i < terms.Count; i++)
        {
            // instr, not LIKE: no wildcard escaping, and the folded column is already lower case without marks.
            where.Append(CultureInfo.InvariantCulture, $" AND instr(title_folded, $t{i}) > 0");
            command.Parameters.AddWithValue($"$t{i}", terms[i]);
        }

        if (query.Category is not null)
        {
            where.Append(" AND category = $category");
            command.Parameters.AddWithValue("$category", query.Category);
        }

        if (!string.IsNullOrWhiteSpace(query.Commune))
        {
            where.Append(" AND commune_folded = $commune");
            command.Parameters.AddWithValue("$commune", TextFolding.Fold(query.Commune));
        }

        if (query.State is { } state)
        {
            where.Append(" AND state = $state");
            command.Parameters.AddWithValue("$state", ProgrammeStateNames.Of(state));
        }

        if (query.FlaggedForReview is { } flagged)
        {
            where.Append(" AND flagged = $flagged");
            command.Parameters.AddWithValue("$flagged", flagged ? 1 : 0);
        }

        if (query.Aired is { } aired)
        {
            where.Append(aired ? " AND aired_at_ms IS NOT NULL" : " AND aired_at_ms IS NULL");
        }

        if (query.From is { } from)
        {
            where.Append(" AND created_at_ms >= $from");
            command.Parameters.AddWithValue("$from", from.ToUnixTimeMilliseconds());
        }

        if (query.To is { } to)
        {
            where.Append(" AND created_at_ms < $to");
            command.Parameters.AddWithValue("$to", to.ToUnixTimeMilliseconds());
        }

        command.CommandText = $"SELECT count(*) FROM programmes {where}";
        var total = Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);

        command.CommandText = $"SELECT {Columns} FROM programmes {where} ORDER BY created_at_ms DESC, id LIMIT $limit OFFSET $offset";
        command.Parameters.AddWithValue("$limit", query.PageSize);
        command.Parameters.AddWithValue("$offset", (long)(query.Page - 1) * query.PageSize);
        var items = new List<ProgrammeRecord>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                items.Add(Map(reader));
            }
        }

        return new ProgrammePage(items, query.Page, query.PageSize, total);
    }

    /// <summary>Releases pooled connections so the database file is closed (tests delete it; a restart reopens it).</summary>
    public void Close()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            return connection;
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw new LibraryStorageException($"cannot open the library database {_layout.Database}: {ex.Message}", ex);
        }
    }

    private static string FreeId(SqliteConnection connection, SqliteTransaction transaction, string contentHash)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT count(*) FROM programmes WHERE id = $id";
        var parameter = command.Parameters.Add("$id", SqliteType.Text);
        for (var length = IdLength; length < contentHash.Length; length += 4)
        {
            parameter.Value = contentHash[..length];
            if (Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) == 0)
            {
                return contentHash[..length];
            }
        }

        return contentHash;
    }

    private ProgrammeRecord? QuerySingle(SqliteConnection connection, SqliteTransaction? transaction, string sql, string value)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$v", value);
        using var reader = command.ExecuteReader();
        return reader.Read() ? Map(reader) : null;
    }

    private static ProgrammeState ParseState(string text) =>
        ProgrammeStateNames.Find(text)
            ?? throw new LibraryStorageException($"library.db holds a programme in an unknown state '{text}'; was it written by a newer Broadcast?");

    private static void BindMutable(SqliteCommand command, ProgrammeRecord r)
    {
        void Bind(string column, object? value) => command.Parameters.AddWithValue("$" + column, value ?? DBNull.Value);
        Bind("content_hash", r.ContentHash);
        Bind("title", r.Title);
        Bind("title_folded", TextFolding.Fold(r.Title));
        Bind("category", r.Category);
        Bind("duration_seconds", r.DurationSeconds);
        Bind("loudness_lufs", r.LoudnessLufs);
        Bind("size_bytes", r.SizeBytes);
        Bind("source_name", r.SourceFileName);
        Bind("source_bytes", r.SourceBytes);
        Bind("approved_at_ms", r.ApprovedAt?.ToUnixTimeMilliseconds());
        Bind("approved_by", r.ApprovedBy);
        Bind("state", ProgrammeStateNames.Of(r.State));
        Bind("submitted_at_ms", r.SubmittedAt?.ToUnixTimeMilliseconds());
        Bind("submitted_by", r.SubmittedBy);
        Bind("rejected_at_ms", r.RejectedAt?.ToUnixTimeMilliseconds());
        Bind("rejected_by", r.RejectedBy);
        Bind("rejection_reason", r.RejectionReason);
        Bind("edited_at_ms", r.EditedAt?.ToUnixTimeMilliseconds());
        Bind("edited_by", r.EditedBy);
        Bind("flagged", r.FlaggedForReview ? 1 : 0);
        Bind("flagged_at_ms", r.FlaggedAt?.ToUnixTimeMilliseconds());
        Bind("flagged_by", r.FlaggedBy);
        Bind("flag_detail", r.FlagDetail);
        Bind("speech_text", r.SpeechText);
        Bind("speech_voice", r.SpeechVoice);
        Bind("aired_at_ms", r.LastAiredAt?.ToUnixTimeMilliseconds());
    }

    private ProgrammeRecord Map(SqliteDataReader r)
    {
        string? Text(string column) => r.IsDBNull(r.GetOrdinal(column)) ? null : r.GetString(r.GetOrdinal(column));
        DateTimeOffset? Time(string column) => r.IsDBNull(r.GetOrdinal(column)) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(r.GetOrdinal(column)));
        var hash = Text("content_hash")!;
        return new ProgrammeRecord(
            Id: Text("id")!,
            Title: Text("title")!,
            Category: Text("category")!,
            Commune: Text("commune"),
            Owner: Text("owner")!,
            DurationSeconds: r.GetDouble(r.GetOrdinal("duration_seconds")),
            LoudnessLufs: r.IsDBNull(r.GetOrdinal("loudness_lufs")) ? null : r.GetDouble(r.GetOrdinal("loudness_lufs")),
            ContentHash: hash,
            SizeBytes: r.GetInt64(r.GetOrdinal("size_bytes")),
            AudioPath: _layout.ObjectPath(hash),
            CreatedAt: Time("created_at_ms")!.Value,
            CreatedBy: Text("created_by")!,
            ApprovedAt: Time("approved_at_ms"),
            ApprovedBy: Text("approved_by"))
        {
            SourceFileName = Text("source_name"),
            SourceBytes = r.GetInt64(r.GetOrdinal("source_bytes")),
            State = ParseState(Text("state")!),
            SubmittedAt = Time("submitted_at_ms"),
            SubmittedBy = Text("submitted_by"),
            RejectedAt = Time("rejected_at_ms"),
            RejectedBy = Text("rejected_by"),
            RejectionReason = Text("rejection_reason"),
            EditedAt = Time("edited_at_ms"),
            EditedBy = Text("edited_by"),
            FlaggedForReview = r.GetInt64(r.GetOrdinal("flagged")) != 0,
            FlaggedAt = Time("flagged_at_ms"),
            FlaggedBy = Text("flagged_by"),
            FlagDetail = Text("flag_detail"),
            SpeechText = Text("speech_text"),
            SpeechVoice = Text("speech_voice"),
            LastAiredAt = Time("aired_at_ms"),
        };
    }
}
