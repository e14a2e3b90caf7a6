using Broadcast.Scheduling.Definitions;
using Broadcast.Scheduling.Recurrence;
using Broadcast.Scheduling.Tests.Support;
using Broadcast.Scheduling.Triggers;
using Quartz;

namespace Broadcast.Scheduling.Tests.Recurrence;

/// <summary>
/// Calendar kinds across whole months in Asia/Ho_Chi_Minh. Expected instants come from DateOnly arithmetic and the
/// fixed UTC+7 offset (<see cref="VietnamTime"/>), never from Quartz; the plan and the Quartz triggers built for the
/// schedule must both produce them.
/// </summary>
public sealed class OccurrencePlanTests
{
    private static readonly DateOnly December1 = new(2026, 12, 1);
    private static readonly DateOnly December31 = new(2026, 12, 31);
    private static readonly DateTimeOffset BeforeDecember = VietnamTime.At(2026, 11, 30, 23, 0);
    private static readonly DateTimeOffset AfterDecember = VietnamTime.At(2027, 1, 1, 0, 0);

    [Fact]
    public void Daily_TwoTimes_FallAt0530And1700LocalOnEveryDayOfDecember()
    {
        var schedule = TestSchedules.Of(ScheduleKind.Daily, BeforeDecember, [new TimeOnly(17, 0), new TimeOnly(5, 30)]);
        var expected = VietnamTime.Days(December1, December31)
            .SelectMany(d => new[] { VietnamTime.At(d, 5, 30), VietnamTime.At(d, 17, 0) })
            .ToList();

        Assert.Equal(62, expected.Count);
        Assert.Equal(expected, PlanOf(schedule));
        Assert.Equal(expected, FiresOfTriggers(schedule));
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 22, 30, 0, TimeSpan.Zero), expected[0]);
    }

    [Fact]
    public void Weekdays_SkipSaturdaysAndSundays()
    {
        var schedule = TestSchedules.Of(ScheduleKind.Weekdays, BeforeDecember, [new TimeOnly(5, 30)]);
        var expected = VietnamTime.Days(December1, December31)
            .Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            .Select(d => VietnamTime.At(d, 5, 30))
            .ToList();

        Assert.Equal(23, expected.Count);
        Assert.Equal(expected, PlanOf(schedule));
        Assert.Equal(expected, FiresOfTriggers(schedule));
    }

    [Fact]
    public void FirstMondayOfMonth_OverAYear_IsTheOnlyMondayAmongDays1To7()
    {
        var created = BeforeDecember;
        var schedule = TestSchedules.Of(ScheduleKind.MonthlyFirstMonday, created, [new TimeOnly(7, 0)]);
        var expected = Enumerable.Range(0, 12)
            .Select(m => December1.AddMonths(m))
            .Select(first => Enumerable.Range(0, 7).Select(first.AddDays).Single(d => d.DayOfWeek == DayOfWeek.Monday))
            .Select(d => VietnamTime.At(d, 7, 0))
            .ToList();

        Assert.Equal(new DateOnly(2026, 12, 7), DateOnly.FromDateTime(expected[0].ToOffset(VietnamTime.Offset).DateTime));
        Assert.Equal(expected, OccurrencePlan.For(schedule).Between(created, VietnamTime.At(2027, 11, 30, 0, 0)).ToList());
        Assert.Equal(expected, FiresOfTriggers(schedule, VietnamTime.At(2027, 11, 30, 0, 0)));
    }

    [Fact]
    public void Cron_IsReadInTheSchedulesTimeZone()
    {
        // Saturdays at 06:00 local.
        var schedule = TestSchedules.Of(ScheduleKind.Cron, BeforeDecember, cron: "0 0 6 ? * SAT");
        var expected = VietnamTime.Days(December1, December31).Where(d => d.DayOfWeek == DayOfWeek.Saturday).Select(d => VietnamTime.At(d, 6, 0)).ToList();

        Assert.Equal(4, expected.Count);
        Assert.Equal(expected, PlanOf(schedule));
        Assert.Equal(expected, FiresOfTriggers(schedule));
    }

    [Fact]
    public void OneOff_HasExactlyItsOwnInstant()
    {
        var schedule = TestSchedules.Of(ScheduleKind.OneOff, BeforeDecember, at: new DateTime(2026, 12, 1, 5, 30, 0));

        Assert.Equal([VietnamTime.At(2026, 12, 1, 5, 30)], PlanOf(schedule));
        Assert.Equal([VietnamTime.At(2026, 12, 1, 5, 30)], FiresOfTriggers(schedule));
        Assert.Empty(OccurrencePlan.For(schedule).After(VietnamTime.At(2026, 12, 1, 5, 30)));
    }

    [Fact]
    public void SkipFor_MatchesTheLocalDate_NotTheUtcDate()
    {
        // 05:30 on 2 December in Vietnam is 22:30 on 1 December in UTC.
        var schedule = TestSchedules.Of(ScheduleKind.Daily, BeforeDecember, [new TimeOnly(5, 30)], skips: new SkipDate(new DateOnly(2026, 12, 2), "Quốc khánh"));

        Assert.NotNull(schedule.SkipFor(VietnamTime.At(2026, 12, 2, 5, 30)));
        Assert.Null(schedule.SkipFor(VietnamTime.At(2026, 12, 1, 5, 30)));
        Assert.Null(schedule.SkipFor(VietnamTime.At(2026, 12, 3, 5, 30)));
    }

    private static List<DateTimeOffset> PlanOf(ScheduleDefinition schedule) =>
        [.. OccurrencePlan.For(schedule).Between(schedule.CreatedUtc, AfterDecember)];

    /// <summary>What Quartz itself computes from the triggers the scheduler registers for the schedule.</summary>
    private static List<DateTimeOffset> FiresOfTriggers(ScheduleDefinition schedule, DateTimeOffset? until = null)
    {
        var end = until ?? AfterDecember;
        var fires = new SortedSet<DateTimeOffset>();
        foreach (var trigger in SlotTriggerFactory.Triggers(schedule, schedule.CreatedUtc))
        {
            for (var t = trigger.GetFireTimeAfter(schedule.CreatedUtc - TimeSpan.FromTicks(1)); t is { } fire && fire <= end; t = trigger.GetFireTimeAfter(fire))
            {
                fires.Add(fire);
            }

            Assert.True(trigger is not ICronTrigger cron || cron.TimeZone.Id == VietnamTime.Zone);
        }

        return [.. fires];
    }
}
