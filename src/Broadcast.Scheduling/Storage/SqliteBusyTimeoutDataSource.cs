using System.Data;
using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Broadcast.Scheduling.Storage;

/// <summary>
/// SQLite connections that wait for a busy database inside SQLite (<c>PRAGMA busy_timeout</c>, retries within a
/// millisecond or two) instead of in Microsoft.Data.Sqlite, which sleeps 150 ms between tries. Quartz and the slot
/// ledger write to the same file at the moment a slot fires; with the driver's retry every such collision made the slot
/// 150 ms late (p50 lateness of 200 slots: 474 ms before, 34 ms after; docs/benchmarks.md).
/// </summary>
internal sealed class SqliteBusyTimeoutDataSource(string connectionString, TimeSpan busyTimeout) : DbDataSource
{
    private readonly string _pragma = string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {(long)busyTimeout.TotalMilliseconds};");

    public override string ConnectionString => connectionString;

    protected override DbConnection CreateDbConnection()
    {
        var connection = new SqliteConnection(connectionString);
        connection.StateChange += SetBusyTimeout;
        return connection;
    }

    private void SetBusyTimeout(object sender, StateChangeEventArgs e)
    {
        if (e.CurrentState == ConnectionState.Open && sender is SqliteConnection connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = _pragma;
            command.ExecuteNonQuery();
        }
    }
}
