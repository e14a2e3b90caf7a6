using Broadcast.Monitoring.Alerts;
using Broadcast.Monitoring.Book;
using Microsoft.Data.Sqlite;

namespace Broadcast.Monitoring.Storage;

/// <summary>
/// The alerts in <c>{Controller:DataDir}/alerts.db</c>, so alerts and acknowledgements survive a restart. Not
/// thread-safe: <see cref="AlertBook"/> serialises every call under its lock. Changes are made inside
/// <see cref="Begin"/>/<see cref="Commit"/>, so a poll's changes land together or not at all.
/// </summary>
internal sealed class AlertStore : IDisposable
{
    private readonly SqliteConnection _connection;
    private SqliteTransaction? _tx;

    /// <exception cref="AlertStoreException">The file cannot be created or opened, or is not an alert database.</exception>
    public AlertStore(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        _connection = AlertDatabase.Open(Path);
    }

    public string Path { get; }

    public void Begin() => _tx = _connection.BeginTransaction();

    public void Commit()
    {
        _tx?.Commit();
        EndTransaction();
    }

    public void Rollback()
    {
        _tx?.Rollback();
        EndTransaction();
    }

    public long Insert(AlertRecord alert)
    {
        using var cmd = Command("""
            INSERT INTO alert (kind, severity, subject, commune, message, raised_at, last_seen_at, count, state, ack_by, ack_at, resolved_at, group_id, is_group, notified_at)
            VALUES ($kind, $severity, $subject, $commune, $message, $raised, $seen, $count, $state, $ackBy, $ackAt, $resolved, $group, $isGroup, $notified)
            RETURNING id
            """);
        AlertRows.Bind(cmd, alert);
        return (long)cmd.ExecuteScalar()!;
    }

    public void Update(AlertRecord alert)
    {
        using var cmd = Command("""
            UPDATE alert SET severity = $severity, message = $message, last_seen_at = $seen, count = $count, state = $state,
                ack_by = $ackBy, ack_at = $ackAt, resolved_at = $resolved, group_id = $group, notified_at = $notified
            WHERE id = $id
            """);
        AlertRows.Bind(cmd, alert);
        cmd.Parameters.AddWithValue("$id", alert.Id);
        cmd.ExecuteNonQuery();
    }

    public List<AlertRecord> LoadActive()
    {
        using var cmd = Command($"SELECT {AlertRows.Columns} FROM alert WHERE state <> 'Resolved' ORDER BY id");
        return ReadAll(cmd);
    }

    public AlertRecord? Get(long id)
    {
        using var cmd = Command($"SELECT {AlertRows.Columns} FROM alert WHERE id = $id");
        cmd.Parameters.AddWithValue("$id", id);
        return ReadAll(cmd).FirstOrDefault();
    }

    /// <summary>Top-level alerts (groups and alerts in no group), newest first.</summary>
    public List<AlertRecord> ListTop(AlertStateFilter state, string? commune, int limit)
    {
        var where = state switch
        {
            AlertStateFilter.Active => "state <> 'Resolved'",
            AlertStateFilter.Open => "state = 'Open'",
            AlertStateFilter.Acknowledged => "state = 'Acknowledged'",
            AlertStateFilter.Resolved => "state = 'Resolved'",
            _ => "1 = 1",
        };
        using var cmd = Command($"""
            SELECT {AlertRows.Columns} FROM alert
            WHERE group_id IS NULL AND {where} AND ($commune IS NULL OR commune = $commune)
            ORDER BY raised_at DESC, id DESC LIMIT $limit
            """);
        cmd.Parameters.AddWithValue("$commune", (object?)commune ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$limit", limit);
        return ReadAll(cmd);
    }

    public List<AlertRecord> Members(long groupId)
    {
        using var cmd = Command($"SELECT {AlertRows.Columns} FROM alert WHERE group_id = $group ORDER BY subject, id");
        cmd.Parameters.AddWithValue("$group", groupId);
        return ReadAll(cmd);
    }

    public long? GetCursor(string name)
    {
        using var cmd = Command("SELECT value FROM monitor_cursor WHERE name = $name");
        cmd.Parameters.AddWithValue("$name", name);
        return cmd.ExecuteScalar() is long value ? value : null;
    }

    public void SetCursor(string name, long value)
    {
        using var cmd = Command("INSERT INTO monitor_cursor (name, value) VALUES ($name, $value) ON CONFLICT (name) DO UPDATE SET value = excluded.value");
        cmd.Parameters.AddWithValue("$name", name);
        cmd.Parameters.AddWithValue("$value", value);
        cmd.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _tx?.Dispose();
        _connection.Dispose();
    }

    private static List<AlertRecord> ReadAll(SqliteCommand cmd)
    {
        var list = new List<AlertRecord>();
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            list.Add(AlertRows.Read(reader));
        }

        return list;
    }

    private SqliteCommand Command(string sql)
    {
        var cmd = _connection.CreateCommand();
        cmd.Transaction = _tx;
        cmd.CommandText = sql;
        return cmd;
    }

    private void EndTransaction()
    {
        _tx?.Dispose();
        _tx = null;
    }
}
