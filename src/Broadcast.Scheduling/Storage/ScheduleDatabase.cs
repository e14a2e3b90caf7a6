using System.Data.Common;
using Broadcast.Scheduling.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Broadcast.Scheduling.Storage;

/// <summary>
/// The database that holds the scheduler's tables and Quartz's: connections, and the scheduler's own schema created
/// on first use (idempotent). Quartz creates its tables itself (<c>ProvisionSchema</c>) in the same database.
/// </summary>
internal sealed class ScheduleDatabase : IDisposable
{
    private const string ResourcePrefix = "Broadcast.Scheduling.Sql.";

    // As long as the driver's default command timeout: a write waits this long for another before it fails.
    private static readonly TimeSpan SqliteBusyTimeout = TimeSpan.FromSeconds(30);
    private readonly Lock _gate = new();
    private readonly string _connectionString;
    private volatile bool _ready;

    public ScheduleDatabase(IOptions<SchedulingOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Kind = options.Value.Store;
        _connectionString = options.Value.ConnectionString
            ?? throw new InvalidOperationException("Scheduling:ConnectionString is not set (it defaults to the data directory's schedule.db for SQLite)");
        Location = Kind == ScheduleStoreKind.Sqlite ? new SqliteConnectionStringBuilder(_connectionString).DataSource : "PostgreSQL";
        DataSource = CreateDataSource();
    }

    public ScheduleStoreKind Kind { get; }

    /// <summary>The SQLite file, or "PostgreSQL": for log lines and messages (never the connection string: it may hold a password).</summary>
    public string Location { get; }

    public DbDataSource DataSource { get; }

    /// <summary>A new data source over the database: the scheduler's own, and a separate one for Quartz (it disposes what it is given).</summary>
    public DbDataSource CreateDataSource()
    {
        if (Kind == ScheduleStoreKind.PostgreSql)
        {
            return NpgsqlDataSource.Create(_connectionString);
        }

        if (Path.GetDirectoryName(Path.GetFullPath(Location)) is { } directory)
        {
            Directory.CreateDirectory(directory);
        }

        return new SqliteBusyTimeoutDataSource(_connectionString, SqliteBusyTimeout);
    }

    /// <summary>An open connection, after the schema exists.</summary>
    public DbConnection Open()
    {
        EnsureSchema();
        return DataSource.OpenConnection();
    }

    /// <summary>Creates the scheduler's tables where missing; cheap after the first call.</summary>
    public void EnsureSchema()
    {
        if (_ready)
        {
            return;
        }

        lock (_gate)
        {
            if (_ready)
            {
                return;
            }

            using var connection = DataSource.OpenConnection();
            if (Kind == ScheduleStoreKind.Sqlite)
            {
                // WAL lets the API read while Quartz holds a write transaction; the setting is kept in the file.
                Execute(connection, "PRAGMA journal_mode = WAL;");
            }

            Execute(connection, ReadScript(Kind == ScheduleStoreKind.Sqlite ? "sqlite.sql" : "postgresql.sql"));
            _ready = true;
        }
    }

    public void Dispose() => DataSource.Dispose();

    private static void Execute(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string ReadScript(string name)
    {
        using var stream = typeof(ScheduleDatabase).Assembly.GetManifestResourceStream(ResourcePrefix + name)
            ?? throw new InvalidOperationException($"embedded DDL {ResourcePrefix}{name} is missing from the assembly");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
