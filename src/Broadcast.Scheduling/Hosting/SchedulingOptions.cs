using System.ComponentModel.DataAnnotations;

namespace Broadcast.Scheduling.Hosting;

/// <summary>Scheduler settings, section <c>Scheduling</c> of <c>config/appsettings.json</c>.</summary>
public sealed class SchedulingOptions
{
    public const string Section = "Scheduling";

    /// <summary>The value of <see cref="InstanceId"/> that lets Quartz generate a unique id per controller.</summary>
    public const string AutoInstanceId = "AUTO";

    public ScheduleStoreKind Store { get; set; } = ScheduleStoreKind.Sqlite;

    /// <summary>
    /// ADO.NET connection string. Required for <see cref="ScheduleStoreKind.PostgreSql"/>; for SQLite it defaults to
    /// <c>Data Source={Controller:DataDir}/schedule.db</c>.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>IANA time zone that schedules without their own are read in (a district keeps local time).</summary>
    [Required(AllowEmptyStrings = false)]
    public string TimeZone { get; set; } = "Asia/Ho_Chi_Minh";

    /// <summary>How late a slot may still air after the controller was down or busy at its time (per schedule overridable).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan DefaultGraceWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Several controllers share one schedule through the database (PostgreSQL only).</summary>
    public bool Clustered { get; set; }

    /// <summary>Quartz instance id of this controller; <see cref="AutoInstanceId"/> generates one (each clustered node needs its own).</summary>
    [Required(AllowEmptyStrings = false)]
    public string InstanceId { get; set; } = AutoInstanceId;

    /// <summary>
    /// How often every schedule is checked for slots that fell due without a firing (recorded as missed once past
    /// their grace window). Quartz fires them normally; this is the safety net and costs one query per schedule.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);
}
