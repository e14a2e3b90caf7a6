namespace Broadcast.Scheduling.Hosting;

/// <summary>Where schedules, the slot ledger and Quartz's own tables live.</summary>
public enum ScheduleStoreKind
{
    /// <summary>One SQLite file in the data directory: a single controller.</summary>
    Sqlite = 0,

    /// <summary>A PostgreSQL database: required when several controllers share one schedule (clustered).</summary>
    PostgreSql = 1,
}
