using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Broadcast.Audit.Storage;

/// <summary>
/// The table and the triggers that make it append-only inside SQLite itself, so that no code path, present or
/// future, and no SQL typed by hand can rewrite history without first dropping a trigger (which <c>Verify</c> reports).
/// </summary>
internal static class AuditSchema
{
    public const int Version = 1;

    public const string Table = "audit_entry";

    public static readonly string[] TriggerNames = ["audit_entry_no_update", "audit_entry_no_delete", "audit_entry_append_only"];

    // STRICT: a column holds only its declared type, so a hand edit cannot slip a number into a text field unseen.
    private const string CreateTable = """
        CREATE TABLE IF NOT EXISTS audit_entry (
            seq INTEGER PRIMARY KEY,
            at_utc TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            subject TEXT NOT NULL,
            result TEXT NOT NULL,
            targets TEXT NOT NULL,
            communes TEXT NOT NULL,
            commune_keys TEXT NOT NULL,
            detail TEXT,
            hash BLOB NOT NULL CHECK (length(hash) = 32)
        ) STRICT;
        CREATE INDEX IF NOT EXISTS audit_entry_at ON audit_entry (at_utc);
        CREATE INDEX IF NOT EXISTS audit_entry_action ON audit_entry (action COLLATE NOCASE);
        """;

    // The insert trigger closes the back door of INSERT OR REPLACE, which replaces a row without firing DELETE
    // triggers, and keeps sequence numbers gap-free whoever inserts.
    private const string CreateTriggers = """
        CREATE TRIGGER IF NOT EXISTS audit_entry_no_update BEFORE UPDATE ON audit_entry
        BEGIN SELECT RAISE(ABORT, 'audit trail is append-only: UPDATE is refused'); END;
        CREATE TRIGGER IF NOT EXISTS audit_entry_no_delete BEFORE DELETE ON audit_entry
        BEGIN SELECT RAISE(ABORT, 'audit trail is append-only: DELETE is refused'); END;
        CREATE TRIGGER IF NOT EXISTS audit_entry_append_only BEFORE INSERT ON audit_entry
        WHEN NEW.seq IS NOT (SELECT coalesce(max(seq), 0) + 1 FROM audit_entry)
        BEGIN SELECT RAISE(ABORT, 'audit trail is append-only: a new entry must take the next sequence number'); END;
        """;

    /// <summary>Creates the table and triggers when missing; refuses a file that is some other database.</summary>
    public static void Ensure(SqliteConnection connection, string path, ILogger logger)
    {
        using var tx = connection.BeginTransaction();
        var version = Convert.ToInt64(Scalar(connection, tx, "PRAGMA user_version"), System.Globalization.CultureInfo.InvariantCulture);
        if (version > Version)
        {
            throw new AuditStoreException(path, $"audit database format {version} is newer than this controller reads ({Version}); run the newer controller or point Audit:Path elsewhere");
        }

        var tableExists = Count(connection, tx, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'audit_entry'") > 0;
        if (!tableExists && Count(connection, tx, "SELECT count(*) FROM sqlite_master WHERE type = 'table'") > 0)
        {
            throw new AuditStoreException(path, "is a SQLite database but not an audit trail (it has other tables and no audit_entry); point Audit:Path at a new file");
        }

        if (tableExists && !TriggersPresent(connection, tx))
        {
            AuditStoreLog.TriggersRestored(logger, path);
        }

        Execute(connection, tx, CreateTable);
        Execute(connection, tx, CreateTriggers);
        Execute(connection, tx, $"PRAGMA user_version = {Version}");
        tx.Commit();
    }

    /// <summary>True when all three triggers exist and still raise (not replaced by ones that do nothing).</summary>
    public static bool TriggersPresent(SqliteConnection connection, SqliteTransaction? tx)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_entry'";
        var found = 0;
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            if (Array.IndexOf(TriggerNames, reader.GetString(0)) >= 0 && !reader.IsDBNull(1)
                && reader.GetString(1).Contains("RAISE(ABORT", StringComparison.OrdinalIgnoreCase))
            {
                found++;
            }
        }

        return found == TriggerNames.Length;
    }

    private static long Count(SqliteConnection connection, SqliteTransaction tx, string sql) =>
        Convert.ToInt64(Scalar(connection, tx, sql), System.Globalization.CultureInfo.InvariantCulture);

    private static object? Scalar(SqliteConnection connection, SqliteTransaction tx, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        return cmd.ExecuteScalar();
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction tx, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
