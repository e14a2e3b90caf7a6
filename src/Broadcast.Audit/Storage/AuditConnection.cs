using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Broadcast.Audit.Storage;

/// <summary>Opens connections to the audit file with the settings its durability depends on.</summary>
internal static class AuditConnection
{
    /// <exception cref="AuditStoreException">The file or its directory cannot be created or opened.</exception>
    public static SqliteConnection Open(string path, SqliteOpenMode mode, TimeSpan busyTimeout)
    {
        try
        {
            if (mode == SqliteOpenMode.ReadWriteCreate)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new AuditStoreException(path, $"cannot create the directory for the audit database: {ex.Message}", ex);
        }

        // No pooling: the trail holds its one connection for its lifetime, and a pooled connection would keep the
        // file open after Dispose (tests and tools reopen it).
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = mode,
            Pooling = false,
            DefaultTimeout = (int)Math.Ceiling(busyTimeout.TotalSeconds),
        }.ToString();
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            Pragma(connection, string.Create(CultureInfo.InvariantCulture, $"busy_timeout = {(long)busyTimeout.TotalMilliseconds}"));
            if (mode == SqliteOpenMode.ReadWriteCreate)
            {
                var journal = Pragma(connection, "journal_mode = WAL");
                if (!string.Equals(journal, "wal", StringComparison.OrdinalIgnoreCase))
                {
                    throw new AuditStoreException(path, $"the file system refuses SQLite's WAL journal (journal mode stays '{journal}'); put the audit database on a local disk (Audit:Path)");
                }
            }

            // FULL in WAL mode: every commit syncs the WAL, so a returned append survives power loss, not only a
            // crash of the process (NORMAL would lose the last commits on power loss).
            Pragma(connection, "synchronous = FULL");
            return connection;
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw new AuditStoreException(path, Explain(ex), ex);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public static string? Pragma(SqliteConnection connection, string pragma)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA " + pragma;
        return Convert.ToString(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static string Explain(SqliteException ex) => ex.SqliteErrorCode switch
    {
        26 => "is not a SQLite database (SQLITE_NOTADB); move it aside or point Audit:Path at a new file",
        14 => $"cannot open the file (SQLITE_CANTOPEN): check that the directory exists and is writable ({ex.Message})",
        8 => $"the file is read-only (SQLITE_READONLY): the controller must be able to write it ({ex.Message})",
        11 => $"the file is corrupt (SQLITE_CORRUPT): keep it for inspection and start a new one ({ex.Message})",
        _ => $"cannot open the audit database: {ex.Message}",
    };
}
