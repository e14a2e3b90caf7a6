using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Broadcast.Monitoring.Storage;

/// <summary>Opens <c>alerts.db</c> with the settings its durability depends on, and creates its tables.</summary>
internal static class AlertDatabase
{
    public const int Version = 1;

    // Keep in step with Version.
    private const string SetVersion = "PRAGMA user_version = 1;";

    // STRICT: a column holds only its declared type. The partial unique index is the deduplication rule itself: at
    // most one active alert per (kind, subject), whatever code path inserts.
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS alert (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            severity TEXT NOT NULL,
            subject TEXT NOT NULL,
            commune TEXT,
            message TEXT NOT NULL,
            raised_at TEXT NOT NULL,
            last_seen_at TEXT NOT NULL,
            count INTEGER NOT NULL,
            state TEXT NOT NULL,
            ack_by TEXT,
            ack_at TEXT,
            resolved_at TEXT,
            group_id INTEGER,
            is_group INTEGER NOT NULL,
            notified_at TEXT
        ) STRICT;
        CREATE UNIQUE INDEX IF NOT EXISTS alert_active_key ON alert (kind, subject) WHERE state <> 'Resolved';
        CREATE INDEX IF NOT EXISTS alert_state ON alert (state, raised_at);
        CREATE INDEX IF NOT EXISTS alert_group ON alert (group_id) WHERE group_id IS NOT NULL;
        CREATE TABLE IF NOT EXISTS monitor_cursor (
            name TEXT PRIMARY KEY,
            value INTEGER NOT NULL
        ) STRICT;
        """;

    /// <exception cref="AlertStoreException">The file or its directory cannot be created or opened, or is another database.</exception>
    public static SqliteConnection Open(string path)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new AlertStoreException(path, $"cannot create the directory for the alert database: {ex.Message}", ex);
        }

        // No pooling: the book holds one connection for its lifetime, and a pooled one would keep the file open
        // after Dispose (a restart in the same process, and the tests, reopen it).
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        try
        {
            connection.Open();
            Execute(connection, "PRAGMA busy_timeout = 5000");
            Execute(connection, "PRAGMA journal_mode = WAL");
            // FULL: an acknowledgement that the API confirmed survives power loss, not only a crash of the process.
            // One sync per poll that changed something (at most every Monitoring:PollInterval) costs little.
            Execute(connection, "PRAGMA synchronous = FULL");
            EnsureSchema(connection, path);
            return connection;
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw new AlertStoreException(path, Explain(ex), ex);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static void EnsureSchema(SqliteConnection connection, string path)
    {
        using var tx = connection.BeginTransaction();
        var version = Convert.ToInt64(Scalar(connection, tx, "PRAGMA user_version"), CultureInfo.InvariantCulture);
        if (version > Version)
        {
            throw new AlertStoreException(path, $"alert database format {version} is newer than this controller reads ({Version}); run the newer controller or move the file aside");
        }

        var ours = Convert.ToInt64(Scalar(connection, tx, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'alert'"), CultureInfo.InvariantCulture) > 0;
        var any = Convert.ToInt64(Scalar(connection, tx, "SELECT count(*) FROM sqlite_master WHERE type = 'table'"), CultureInfo.InvariantCulture) > 0;
        if (!ours && any)
        {
            throw new AlertStoreException(path, "is a SQLite database of something else (it has tables but no 'alert' table); move it aside so the controller can create its alert database");
        }

        using (var cmd = connection.CreateCommand())
        {
            cmd.Transaction = tx;
            cmd.CommandText = Schema + SetVersion;
            cmd.ExecuteNonQuery();
        }

        tx.Commit();
    }

    private static object? Scalar(SqliteConnection connection, SqliteTransaction tx, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        return cmd.ExecuteScalar();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static string Explain(SqliteException ex) => ex.SqliteErrorCode switch
    {
        26 => "is not a SQLite database (SQLITE_NOTADB); move it aside so the controller can create a new alert database",
        14 => $"cannot open the file (SQLITE_CANTOPEN): check that Controller:DataDir exists and is writable ({ex.Message})",
        8 => $"the file is read-only (SQLITE_READONLY): the controller must be able to write it ({ex.Message})",
        11 => $"the file is corrupt (SQLITE_CORRUPT): keep it for inspection and move it aside to start a new one ({ex.Message})",
        _ => $"cannot open the alert database: {ex.Message}",
    };
}
