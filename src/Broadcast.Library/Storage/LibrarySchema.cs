using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Broadcast.Library.Storage;

/// <summary>
/// Creates and upgrades the <c>programmes</c> table of <c>library.db</c>. Every upgrade runs in one write transaction
/// (SQLite's ALTER TABLE is transactional) that also sets <c>user_version</c>: a crash leaves the old schema whole, and
/// running it again on an upgraded file changes nothing.
/// </summary>
/// <remarks>
/// Schema 1 had no approval workflow; schema 2 adds it (docs/bulletins.md, "Programmes from before approvals"). Rows of
/// a schema-1 file get a state on upgrade: those with <c>approved_at_ms</c> set stay approved; district programmes
/// (no commune) count as approved, because only district operators and administrators could upload them; commune items
/// are submitted for review in their uploader's name, because commune editors uploaded them without any review.
/// </remarks>
internal static class LibrarySchema
{
    public const int Version = 2;

    /// <summary>Actor recorded as the approver of district programmes that existed before approvals.</summary>
    public const string MigrationActor = "migration";

    private const string CreateTable = """
        CREATE TABLE IF NOT EXISTS programmes (
            id TEXT PRIMARY KEY,
            content_hash TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL,
            title_folded TEXT NOT NULL,
            category TEXT NOT NULL,
            commune TEXT,
            commune_folded TEXT,
            owner TEXT NOT NULL,
            duration_seconds REAL NOT NULL,
            loudness_lufs REAL,
            size_bytes INTEGER NOT NULL,
            source_name TEXT,
            source_bytes INTEGER NOT NULL,
            created_at_ms INTEGER NOT NULL,
            created_by TEXT NOT NULL,
            approved_at_ms INTEGER,
            approved_by TEXT
        );
        """;

    // Schema 2: added to a schema-1 table with ALTER TABLE, so each needs a default or must allow NULL.
    private static readonly (string Name, string Definition)[] WorkflowColumns =
    [
        ("state", "TEXT NOT NULL DEFAULT 'draft'"),
        ("submitted_at_ms", "INTEGER"),
        ("submitted_by", "TEXT"),
        ("rejected_at_ms", "INTEGER"),
        ("rejected_by", "TEXT"),
        ("rejection_reason", "TEXT"),
        ("edited_at_ms", "INTEGER"),
        ("edited_by", "TEXT"),
        ("flagged", "INTEGER NOT NULL DEFAULT 0"),
        ("flagged_at_ms", "INTEGER"),
        ("flagged_by", "TEXT"),
        ("flag_detail", "TEXT"),
        ("speech_text", "TEXT"),
        ("speech_voice", "TEXT"),
        ("aired_at_ms", "INTEGER"),
    ];

    /// <summary>Brings the file to <see cref="Version"/>; says what an upgrade decided, or null when there was nothing to upgrade.</summary>
    /// <exception cref="LibraryStorageException">The file was written by a newer schema.</exception>
    public static LibraryMigration? Apply(SqliteConnection connection, string path, DateTimeOffset now)
    {
        if (CheckVersion(connection, null, path) == Version)
        {
            return null;
        }

        // journal_mode cannot change inside a transaction; it is a property of the file, set once.
        Execute(connection, null, "PRAGMA journal_mode = WAL;");
        using var transaction = connection.BeginTransaction(deferred: false);
        // Read again under the write lock: another process may have upgraded the file meanwhile.
        var version = CheckVersion(connection, transaction, path);
        if (version == Version)
        {
            return null;
        }

        Execute(connection, transaction, CreateTable);
        var existing = Columns(connection, transaction);
        foreach (var (name, definition) in WorkflowColumns.Where(c => !existing.Contains(c.Name)))
        {
            Execute(connection, transaction, $"ALTER TABLE programmes ADD COLUMN {name} {definition};");
        }

        var migration = version >= 1 ? DecideStates(connection, transaction, now, version) : null;
        Execute(connection, transaction, $"""
            CREATE INDEX IF NOT EXISTS ix_programmes_created ON programmes (created_at_ms);
            CREATE INDEX IF NOT EXISTS ix_programmes_category ON programmes (category, created_at_ms);
            CREATE INDEX IF NOT EXISTS ix_programmes_state ON programmes (state, created_at_ms);
            PRAGMA user_version = {Version};
            """);
        transaction.Commit();
        return migration;
    }

    private static LibraryMigration DecideStates(SqliteConnection connection, SqliteTransaction transaction, DateTimeOffset now, int fromVersion)
    {
        var kept = Execute(connection, transaction, "UPDATE programmes SET state = 'approved' WHERE approved_at_ms IS NOT NULL;");
        var district = Execute(
            connection,
            transaction,
            "UPDATE programmes SET state = 'approved', approved_at_ms = $now, approved_by = $actor WHERE approved_at_ms IS NULL AND commune IS NULL;",
            ("$now", now.ToUnixTimeMilliseconds()),
            ("$actor", MigrationActor));
        var commune = Execute(
            connection,
            transaction,
            "UPDATE programmes SET state = 'submitted', submitted_at_ms = created_at_ms, submitted_by = created_by WHERE approved_at_ms IS NULL AND commune IS NOT NULL;");
        return new LibraryMigration(fromVersion, Version, kept, district, commune);
    }

    private static int CheckVersion(SqliteConnection connection, SqliteTransaction? transaction, string path)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA user_version";
        var version = Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        return version <= Version
            ? version
            : throw new LibraryStorageException($"{path} was written by a newer Broadcast (schema {version}, this one knows {Version}); upgrade bcast or restore a backup");
    }

    private static HashSet<string> Columns(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT name FROM pragma_table_info('programmes')";
        using var reader = command.ExecuteReader();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static int Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command.ExecuteNonQuery();
    }
}
