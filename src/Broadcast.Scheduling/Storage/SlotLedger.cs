using System.Data.Common;

namespace Broadcast.Scheduling.Storage;

/// <summary>
/// The slot ledger: one row per slot that fell due, keyed by (schedule, planned instant). Every writer inserts with
/// <c>ON CONFLICT DO NOTHING</c> and acts only when its insert took, so each outcome is recorded, audited and acted on
/// once, however many firings, sweeps or controllers reach the same slot.
/// </summary>
internal sealed class SlotLedger(ScheduleDatabase database)
{
    private const string Columns = "schedule_id, planned_utc, status, recorded_utc, late_ms, broadcast_id, reason";

    private const string InsertSql =
        "INSERT INTO bcast_slots (" + Columns + ") VALUES (@id, @planned, @status, @recorded, @late, @broadcast, @reason) " +
        "ON CONFLICT (schedule_id, planned_utc) DO NOTHING";

    private const string CompleteSql =
        "UPDATE bcast_slots SET status = @status, recorded_utc = @recorded, late_ms = @late, broadcast_id = @broadcast, reason = @reason " +
        "WHERE schedule_id = @id AND planned_utc = @planned AND status = 'starting'";

    private const string PlannedBetweenSql =
        "SELECT planned_utc FROM bcast_slots WHERE schedule_id = @id AND planned_utc > @from AND planned_utc <= @to";

    private const string LastPlannedSql = "SELECT MAX(planned_utc) FROM bcast_slots WHERE schedule_id = @id";
    private const string ForScheduleSql = "SELECT " + Columns + " FROM bcast_slots WHERE schedule_id = @id ORDER BY planned_utc DESC LIMIT @limit";
    private const string BetweenSql = "SELECT " + Columns + " FROM bcast_slots WHERE planned_utc >= @from AND planned_utc < @to ORDER BY planned_utc, schedule_id";

    private const string FailStaleSql =
        "UPDATE bcast_slots SET status = 'failed', recorded_utc = @recorded, reason = @reason WHERE status = 'starting' AND recorded_utc < @before";

    /// <summary>Records the slot unless it has a row already; true when this call recorded it.</summary>
    public bool TryInsert(SlotRecord record)
    {
        using var connection = database.Open();
        return Insert(connection, null, record);
    }

    /// <summary>Records each slot that has no row yet, in one transaction; returns those this call recorded.</summary>
    public IReadOnlyList<SlotRecord> InsertMany(IReadOnlyCollection<SlotRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            return [];
        }

        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var inserted = records.Where(r => Insert(connection, transaction, r)).ToList();
        transaction.Commit();
        return inserted;
    }

    /// <summary>Turns a claimed (<see cref="SlotStatus.Starting"/>) slot into its outcome.</summary>
    public bool Complete(SlotRecord outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = CompleteSql;
        Bind(command, outcome);
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>Planned instants in (<paramref name="fromExclusive"/>, <paramref name="toInclusive"/>] that have a row.</summary>
    public HashSet<DateTimeOffset> PlannedBetween(long scheduleId, DateTimeOffset fromExclusive, DateTimeOffset toInclusive)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = PlannedBetweenSql;
        command.Add("@id", scheduleId);
        command.Add("@from", DbCommands.Ms(fromExclusive));
        command.Add("@to", DbCommands.Ms(toInclusive));
        var planned = new HashSet<DateTimeOffset>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            planned.Add(DbCommands.Instant(reader.GetInt64(0)));
        }

        return planned;
    }

    public DateTimeOffset? LastPlanned(long scheduleId)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = LastPlannedSql;
        command.Add("@id", scheduleId);
        return command.ExecuteScalar() is long ms ? DbCommands.Instant(ms) : null;
    }

    /// <summary>The latest <paramref name="limit"/> slots of a schedule, oldest first.</summary>
    public IReadOnlyList<SlotRecord> ForSchedule(long scheduleId, int limit)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = ForScheduleSql;
        command.Add("@id", scheduleId);
        command.Add("@limit", limit);
        var rows = ReadAll(command);
        rows.Reverse();
        return rows;
    }

    /// <summary>Slots of every schedule planned in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public IReadOnlyList<SlotRecord> Between(DateTimeOffset from, DateTimeOffset to)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = BetweenSql;
        command.Add("@from", DbCommands.Ms(from));
        command.Add("@to", DbCommands.Ms(to));
        return ReadAll(command);
    }

    /// <summary>
    /// Claims left <see cref="SlotStatus.Starting"/> by a controller that stopped mid-start become
    /// <see cref="SlotStatus.Failed"/>: they are never started again, so a slot cannot air twice.
    /// </summary>
    public int FailStaleClaims(DateTimeOffset claimedBefore, DateTimeOffset now, string reason)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = FailStaleSql;
        command.Add("@recorded", DbCommands.Ms(now));
        command.Add("@reason", reason);
        command.Add("@before", DbCommands.Ms(claimedBefore));
        return command.ExecuteNonQuery();
    }

    private static bool Insert(DbConnection connection, DbTransaction? transaction, SlotRecord record)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = InsertSql;
        Bind(command, record);
        return command.ExecuteNonQuery() == 1;
    }

    private static void Bind(DbCommand command, SlotRecord record)
    {
        command.Add("@id", record.ScheduleId);
        command.Add("@planned", DbCommands.Ms(record.PlannedUtc));
        command.Add("@status", SlotStatusNames.Name(record.Status));
        command.Add("@recorded", DbCommands.Ms(record.RecordedUtc));
        command.Add("@late", record.Late is { } late ? (long)late.TotalMilliseconds : null);
        command.Add("@broadcast", record.BroadcastId);
        command.Add("@reason", record.Reason);
    }

    private static List<SlotRecord> ReadAll(DbCommand command)
    {
        var rows = new List<SlotRecord>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(new SlotRecord(
                reader.GetInt64(0),
                DbCommands.Instant(reader.GetInt64(1)),
                SlotStatusNames.Parse(reader.GetString(2)),
                DbCommands.Instant(reader.GetInt64(3)),
                reader.NullableInt64(4) is { } late ? TimeSpan.FromMilliseconds(late) : null,
                reader.NullableInt64(5),
                reader.NullableString(6)));
        }

        return rows;
    }
}
