using Broadcast.Controller.Broadcasts;
using Broadcast.Scheduling.Definitions;

namespace Broadcast.Scheduling.Tests.Support;

/// <summary>Schedule definitions for tests that need no database.</summary>
internal static class TestSchedules
{
    public static readonly TimeZoneInfo Vietnam = TimeZoneInfo.FindSystemTimeZoneById(VietnamTime.Zone);

    public static ScheduleDefinition Of(ScheduleKind kind, DateTimeOffset created, IReadOnlyList<TimeOnly>? times = null, string? cron = null, DateTime? at = null, params SkipDate[] skips) => new()
    {
        Id = 1,
        Name = "Bản tin sáng",
        Kind = kind,
        Times = times ?? [],
        Cron = cron,
        AtLocal = at,
        Programmes = [SchedulingRig.Programme],
        Target = "all",
        Priority = BroadcastPriority.District,
        GraceWindow = TimeSpan.FromMinutes(10),
        TimeZone = Vietnam,
        CreatedBy = "tester",
        CreatedUtc = created,
        Skips = skips,
    };
}
