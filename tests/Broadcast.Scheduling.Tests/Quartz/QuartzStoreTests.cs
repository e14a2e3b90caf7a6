using Broadcast.Scheduling.Storage;
using Broadcast.Scheduling.Tests.Support;
using Broadcast.Scheduling.Triggers;
using Broadcast.Tests.Common;
using Microsoft.Data.Sqlite;
using Quartz;

namespace Broadcast.Scheduling.Tests.Quartz;

/// <summary>The real Quartz scheduler on its ADO.NET store in a temporary SQLite file, on the real clock.</summary>
public sealed class QuartzStoreTests : IDisposable
{
    private static readonly string[] Tables =
    [
        "bcast_schedule_skips", "bcast_schedules", "bcast_slots",
        "qrtz_calendars", "qrtz_cron_triggers", "qrtz_fired_triggers", "qrtz_job_details", "qrtz_locks", "qrtz_simple_triggers", "qrtz_triggers",
    ];

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task FirstStart_CreatesAllTables_AndASecondStartKeepsTheScheduleAndItsTrigger()
    {
        Assert.False(File.Exists(_dir.File("schedule.db")));
        long id;
        await using (var first = new SchedulingRig(_dir.Path, TimeProvider.System))
        {
            await first.StartAsync();
            Assert.Superset(Tables.ToHashSet(), TableNames());
            id = (await first.Schedules.AddAsync(Requests.Daily("05:30", "17:00"))).Id;
        }

        var tablesAfterFirst = TableNames();
        await using var second = new SchedulingRig(_dir.Path, TimeProvider.System);
        await second.StartAsync();

        Assert.Equal(tablesAfterFirst, TableNames());
        var schedule = Assert.Single(second.Schedules.List());
        Assert.Equal((id, "daily at 05:30, 17:00"), (schedule.Id, schedule.Description));
        var scheduler = await second.Get<ISchedulerFactory>().GetScheduler();
        var morning = Assert.IsAssignableFrom<ICronTrigger>(await scheduler.GetTrigger(new TriggerKey($"schedule-{id}-0", SlotTriggerFactory.Group)));
        Assert.Equal(("0 30 5 * * ?", VietnamTime.Zone), (morning.CronExpressionString, morning.TimeZone.Id));
        Assert.Equal(NextLocal(5, 30), morning.NextFireTimeUtc);
        var evening = Assert.IsAssignableFrom<ICronTrigger>(await scheduler.GetTrigger(new TriggerKey($"schedule-{id}-1", SlotTriggerFactory.Group)));
        Assert.Equal(NextLocal(17, 0), evening.NextFireTimeUtc);
    }

    [Fact]
    public async Task OneOff_OneAndAHalfSecondsAhead_FiresOnceAndReachesThePlayer()
    {
        await using var rig = new SchedulingRig(_dir.Path, TimeProvider.System);
        await rig.StartAsync();
        var at = DateTimeOffset.FromUnixTimeMilliseconds(TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds() + 1500);
        var local = at.ToOffset(VietnamTime.Offset).ToString("yyyy-MM-dd HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture);
        var id = (await rig.Schedules.AddAsync(Requests.OneOff(local))).Id;

        Assert.True(await rig.Player.WaitForCallsAsync(1, TimeSpan.FromSeconds(15)), "the one-off did not fire within 15 s");
        Assert.True(await rig.Audit.WaitForAsync(e => e.Action == "slot.fired", 1, TimeSpan.FromSeconds(5)));

        var call = Assert.Single(rig.Player.Calls);
        Assert.Equal((id, at), (call.Request.ScheduleId, call.Request.PlannedUtc));
        Assert.True(call.At >= at, $"fired at {call.At:O}, before its time {at:O}");
        var row = Assert.Single(rig.Ledger.ForSchedule(id, 10));
        Assert.Equal(101L, row.BroadcastId);

        // Aired; "late" only if this machine was so busy that the firing came more than 5 s after its time.
        Assert.Contains(row.Status, new[] { SlotStatus.Aired, SlotStatus.Late });
    }

    private HashSet<string> TableNames()
    {
        using var connection = new SqliteConnection($"Data Source={_dir.File("schedule.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT lower(name) FROM sqlite_master WHERE type = 'table'";
        using var reader = command.ExecuteReader();
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    /// <summary>The next instant after now at which it is hh:mm in Vietnam (UTC+7, no daylight saving).</summary>
    private static DateTimeOffset NextLocal(int hour, int minute)
    {
        var now = TimeProvider.System.GetUtcNow();
        var today = DateOnly.FromDateTime(now.ToOffset(VietnamTime.Offset).DateTime);
        var candidate = VietnamTime.At(today, hour, minute);
        return candidate > now ? candidate : VietnamTime.At(today.AddDays(1), hour, minute);
    }
}
