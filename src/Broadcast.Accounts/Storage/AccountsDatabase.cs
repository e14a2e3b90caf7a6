using Microsoft.Data.Sqlite;

namespace Broadcast.Accounts.Storage;

/// <summary>
/// <c>{Controller:DataDir}/accounts.db</c>: users and sessions. The file holds password and token hashes, so it is
/// created with mode 0600 before SQLite opens it (SQLite gives its WAL and shared-memory files the same mode).
/// </summary>
internal sealed class AccountsDatabase
{
    public const string FileName = "accounts.db";

    private const int SchemaVersion = 1;

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS users (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            display_name TEXT NOT NULL DEFAULT '',
            password_hash TEXT NOT NULL,
            roles TEXT NOT NULL,
            communes TEXT NOT NULL DEFAULT '',
            approver_scope TEXT NOT NULL DEFAULT 'District',
            emergency INTEGER NOT NULL DEFAULT 0,
            disabled INTEGER NOT NULL DEFAULT 0,
            must_change INTEGER NOT NULL DEFAULT 0,
            failed_logins INTEGER NOT NULL DEFAULT 0,
            locked_until INTEGER NULL,
            created_at INTEGER NOT NULL,
            last_login_at INTEGER NULL
        );
        CREATE TABLE IF NOT EXISTS sessions (
            token_hash BLOB PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users(id),
            kind TEXT NOT NULL,
            csrf TEXT NULL,
            created_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL,
            last_used_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS sessions_user ON sessions(user_id);
        """;

    private readonly string _connectionString;

    public AccountsDatabase(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        CreatePrivateFile(Path);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true }.ToString();
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        command.ExecuteNonQuery();
        command.CommandText = "PRAGMA user_version;";
        var version = Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        if (version > SchemaVersion)
        {
            throw new InvalidOperationException($"{Path} has schema version {version}, newer than this controller understands ({SchemaVersion}); use the newer controller");
        }

        command.CommandText = Schema + $"PRAGMA user_version = {SchemaVersion};";
        command.ExecuteNonQuery();
    }

    /// <summary>The database file, for messages.</summary>
    public string Path { get; }

    /// <summary>A new open connection (pooled); the caller disposes it.</summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA foreign_keys = ON;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    private static void CreatePrivateFile(string path)
    {
        if (File.Exists(path) || OperatingSystem.IsWindows())
        {
            return;
        }

        try
        {
            using var _ = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
        }
        catch (IOException) when (File.Exists(path))
        {
            // Created by someone else between the check and the create: theirs stands.
        }
    }
}
