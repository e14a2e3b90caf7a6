using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Broadcast.Controller.Broadcasts;
using Broadcast.Scheduling.Definitions;

namespace Broadcast.Scheduling.Storage;

/// <summary>Schedule definitions and their skip dates. Removing a schedule marks it removed: its slots keep their history.</summary>
internal sealed class ScheduleRepository(ScheduleDatabase database)
{
    private const string Columns =
        "id, name, kind, at_local, times, cron, programmes, target, priority, grace_ms, time_zone, created_by, created_utc, removed_by, removed_utc";

    private const string InsertSql =
        "INSERT INTO bcast_schedules (name, kind, at_local, times, cron, programmes, target, priority, grace_ms, time_zone, created_by, created_utc) " +
        "VALUES (@name, @kind, @at, @times, @cron, @programmes, @target, @priority, @grace, @zone, @by, @created) RETURNING id";

    private const string FindSql = "SELECT " + Columns + " FROM bcast_schedules WHERE id = @id";
    private const string ActiveSql = "SELECT " + Columns + " FROM bcast_schedules WHERE removed_utc IS NULL ORDER BY id";
    private const string SkipsOfSql = "SELECT schedule_id, local_date, reason FROM bcast_schedule_skips WHERE schedule_id = @id ORDER BY local_date";
    private const string AllSkipsSql = "SELECT schedule_id, local_date, reason FROM bcast_schedule_skips ORDER BY schedule_id, local_date";
    private const string RemoveSql = "UPDATE bcast_schedules SET removed_by = @by, removed_utc = @at WHERE id = @id AND removed_utc IS NULL";
    private const string DeleteSql = "DELETE FROM bcast_schedules WHERE id = @id";
    private const string AddSkipSql =
        "INSERT INTO bcast_schedule_skips (schedule_id, local_date, reason, created_by, created_utc) VALUES (@id, @date, @reason, @by, @at) " +
        "ON CONFLICT (schedule_id, local_date) DO NOTHING";

    private const string DateFormat = "yyyy-MM-dd";
    private const string AtFormat = "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF";
    private const string TimeFormat = "HH:mm:ss";

    /// <summary>Stores a new schedule and returns it with its id.</summary>
    public ScheduleDefinition Insert(ScheduleDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = InsertSql;
        command.Add("@name", definition.Name);
        command.Add("@kind", ScheduleKindNames.Name(definition.Kind));
        command.Add("@at", definition.AtLocal?.ToString(AtFormat, CultureInfo.InvariantCulture));
        command.Add("@times", definition.Times.Count == 0 ? null : string.Join(',', definition.Times.Select(t => t.ToString(TimeFormat, CultureInfo.InvariantCulture))));
        command.Add("@cron", definition.Cron);
        command.Add("@programmes", JsonSerializer.Serialize(definition.Programmes));
        command.Add("@target", definition.Target);
        command.Add("@priority", definition.Priority.ToString());
        command.Add("@grace", (long)definition.GraceWindow.TotalMilliseconds);
        command.Add("@zone", definition.TimeZone.Id);
        command.Add("@by", definition.CreatedBy);
        command.Add("@created", DbCommands.Ms(definition.CreatedUtc));
        var id = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        return definition with { Id = id };
    }

    /// <summary>The schedule with this id, removed or not, with its skip dates; null when there is none.</summary>
    public ScheduleDefinition? Find(long id)
    {
        using var connection = database.Open();
        ScheduleDefinition? found;
        using (var command = connection.CreateCommand())
        {
            command.CommandText = FindSql;
            command.Add("@id", id);
            using var reader = command.ExecuteReader();
            found = reader.Read() ? Read(reader) : null;
        }

        if (found is null)
        {
            return null;
        }

        using var skips = connection.CreateCommand();
        skips.CommandText = SkipsOfSql;
        skips.Add("@id", id);
        return found with { Skips = [.. ReadSkips(skips).Select(s => s.Skip)] };
    }

    /// <summary>Every schedule not removed, by id, with their skip dates.</summary>
    public IReadOnlyList<ScheduleDefinition> Active()
    {
        using var connection = database.Open();
        var schedules = new List<ScheduleDefinition>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = ActiveSql;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                schedules.Add(Read(reader));
            }
        }

        using var skips = connection.CreateCommand();
        skips.CommandText = AllSkipsSql;
        var byId = ReadSkips(skips).ToLookup(s => s.ScheduleId, s => s.Skip);
        return [.. schedules.Select(s => s with { Skips = [.. byId[s.Id]] })];
    }

    /// <summary>Marks a schedule removed; false when it does not exist or is removed already.</summary>
    public bool Remove(long id, string actor, DateTimeOffset at)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = RemoveSql;
        command.Add("@id", id);
        command.Add("@by", actor);
        command.Add("@at", DbCommands.Ms(at));
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>Deletes a schedule that never got a trigger (its registration with Quartz failed): nothing refers to it yet.</summary>
    public void Delete(long id)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = DeleteSql;
        command.Add("@id", id);
        command.ExecuteNonQuery();
    }

    /// <summary>Adds a skip date; false when that date was skipped already (the first reason stays).</summary>
    public bool AddSkip(long id, SkipDate skip, string actor, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(skip);
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = AddSkipSql;
        command.Add("@id", id);
        command.Add("@date", skip.Date.ToString(DateFormat, CultureInfo.InvariantCulture));
        command.Add("@reason", skip.Reason);
        command.Add("@by", actor);
        command.Add("@at", DbCommands.Ms(at));
        return command.ExecuteNonQuery() == 1;
    }

    private static ScheduleDefinition Read(DbDataReader r)
    {
        var zoneId = r.GetString(10);
        return new ScheduleDefinition
        {
            Id = r.GetInt64(0),
            Name = r.GetString(1),
            Kind = ScheduleKindNames.TryParse(r.GetString(2), out var kind) ? kind : throw new InvalidDataException($"schedule {r.GetInt64(0)}: unknown kind '{r.GetString(2)}' in bcast_schedules"),
            AtLocal = r.NullableString(3) is { } at ? DateTime.ParseExact(at, AtFormat, CultureInfo.InvariantCulture) : null,
            Times = r.NullableString(4) is { } times ? [.. times.Split(',').Select(t => TimeOnly.ParseExact(t, TimeFormat, CultureInfo.InvariantCulture))] : [],
            Cron = r.NullableString(5),
            Programmes = JsonSerializer.Deserialize<string[]>(r.GetString(6)) ?? [],
            Target = r.GetString(7),
            Priority = Enum.Parse<BroadcastPriority>(r.GetString(8)),
            GraceWindow = TimeSpan.FromMilliseconds(r.GetInt64(9)),
            TimeZone = TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var zone)
                ? zone
                : throw new InvalidDataException($"schedule {r.GetInt64(0)}: time zone '{zoneId}' is not known to this machine (is tzdata installed?)"),
            CreatedBy = r.GetString(11),
            CreatedUtc = DbCommands.Instant(r.GetInt64(12)),
            RemovedBy = r.NullableString(13),
            RemovedUtc = r.NullableInt64(14) is { } removed ? DbCommands.Instant(removed) : null,
        };
    }

    private static List<(long ScheduleId, SkipDate Skip)> ReadSkips(DbCommand command)
    {
        var skips = new List<(long, SkipDate)>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            skips.Add((reader.GetInt64(0), new SkipDate(DateOnly.ParseExact(reader.GetString(1), DateFormat, CultureInfo.InvariantCulture), reader.NullableString(2))));
        }

        return skips;
    }
}
