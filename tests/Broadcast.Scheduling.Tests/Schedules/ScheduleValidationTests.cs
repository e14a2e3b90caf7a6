using Broadcast.Scheduling.Definitions;
using Broadcast.Scheduling.Tests.Support;
using Broadcast.Tests.Common;
using Microsoft.Extensions.Time.Testing;

namespace Broadcast.Scheduling.Tests.Schedules;

/// <summary>Bad input is refused with a problem naming the field and saying what to write; nothing is stored.</summary>
public sealed class ScheduleValidationTests : IAsyncLifetime, IDisposable
{
    private static readonly DateTimeOffset Now = VietnamTime.At(2026, 11, 23, 9, 0);

    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(Now);
    private readonly RecordingTriggers _triggers = new();
    private SchedulingRig _rig = null!;

    public Task InitializeAsync()
    {
        _rig = new SchedulingRig(_dir.Path, _time, triggers: _triggers);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Add_InvalidCron_IsRefusedNamingCron_WithQuartzsMessage()
    {
        var problem = await RefusedAsync(Requests.Daily() with { Kind = "cron", Times = null, Cron = "0 61 5 * * ?" });

        Assert.Equal("cron", problem.Field);
        Assert.False(problem.NotFound);
        Assert.StartsWith("cron: '0 61 5 * * ?' is not a valid Quartz cron expression", problem.Message, StringComparison.Ordinal);
        Assert.Contains("59", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_CronFiringEveryTenSeconds_IsRefusedNamingCron()
    {
        var problem = await RefusedAsync(Requests.Daily() with { Kind = "cron", Times = null, Cron = "0/10 * * * * ?" });

        Assert.Equal(("cron", "cron: '0/10 * * * * ?' fires 10 s apart; scheduled slots must be at least a minute apart"), (problem.Field, problem.Message));
    }

    [Fact]
    public async Task Add_OneOffInThePast_IsRefusedNamingAt()
    {
        var problem = await RefusedAsync(Requests.OneOff("2026-11-23 08:59"));

        Assert.Equal(("at", "at: 2026-11-23 08:59 (Asia/Ho_Chi_Minh) is in the past; it is now 2026-11-23 09:00 there"), (problem.Field, problem.Message));
    }

    [Fact]
    public async Task Add_OneOffThatIsNotADate_IsRefusedNamingAt()
    {
        var problem = await RefusedAsync(Requests.OneOff("tomorrow 5am"));

        Assert.Equal(("at", "at: 'tomorrow 5am' is not a local date and time; write 2026-12-01 05:30"), (problem.Field, problem.Message));
    }

    [Fact]
    public async Task Add_UnknownProgramme_IsNotFoundNamingTheProgramme()
    {
        var problem = await RefusedAsync(Requests.Daily("05:30") with { Programmes = [SchedulingRig.Programme, "ban-tin-khong-co"] });

        Assert.True(problem.NotFound);
        Assert.Equal("programmes[1]", problem.Field);
        Assert.StartsWith("programme 'ban-tin-khong-co' not found", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_UnknownTarget_IsRefusedNamingTheTarget()
    {
        var problem = await RefusedAsync(Requests.Daily("05:30") with { Target = "commune:Atlantis" });

        Assert.Equal("target", problem.Field);
        Assert.Contains("commune:Atlantis", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_SeveralBadFields_AreReportedTogether()
    {
        var result = await _rig.Schedules.AddAsync(
            Requests.Daily("5h30") with { Name = " ", Priority = "urgent", Grace = "forever", TimeZone = "Mars/Olympus" }, "tester", CancellationToken.None);

        Assert.Null(result.Value);
        Assert.Equal(["grace", "name", "priority", "timeZone", "times"], result.Problems.Select(p => p.Field).Order(StringComparer.Ordinal));
        Assert.Empty(_rig.Schedules.List());
    }

    [Theory]
    [InlineData("weekly", "kind")]
    [InlineData(null, "kind")]
    public async Task Add_UnknownKind_IsRefusedNamingKind(string? kind, string field)
    {
        var problem = await RefusedAsync(Requests.Daily("05:30") with { Kind = kind });

        Assert.Equal(field, problem.Field);
        Assert.Contains("oneOff, daily, weekdays, monthlyFirstMonday or cron", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_FieldOfAnotherKind_IsRefusedRatherThanIgnored()
    {
        var problem = await RefusedAsync(Requests.Daily("05:30") with { Cron = "0 0 6 * * ?" });

        Assert.Equal(("cron", "cron: not used by kind 'daily'; leave it out"), (problem.Field, problem.Message));
    }

    [Fact]
    public async Task Add_Valid_StoresOnceAndRegistersTriggers()
    {
        var view = await _rig.Schedules.AddAsync(Requests.Daily("17:00", "05:30") with { Kind = "weekdays", Grace = "90s", Programmes = [SchedulingRig.Programme, SchedulingRig.SecondProgramme] });

        Assert.Equal(("weekdays at 05:30, 17:00", "00:01:30", VietnamTime.Zone), (view.Description, view.GraceWindow, view.TimeZone));
        Assert.Equal(["0 30 5 ? * MON-FRI", "0 0 17 ? * MON-FRI"], view.Triggers);
        Assert.Equal("2026-11-23T17:00:00+07:00", view.Next[0].At);
        Assert.Equal("2026-11-24T05:30:00+07:00", view.Next[1].At);
        Assert.True(_triggers.Scheduled.ContainsKey(view.Id));
        Assert.Equal("schedule.add", Assert.Single(_rig.Audit.Entries).Action);
    }

    [Fact]
    public async Task Skip_BadDates_AreRefusedNamingDate()
    {
        var id = (await _rig.Schedules.AddAsync(Requests.Daily("05:30") with { Kind = "weekdays" })).Id;

        Assert.Equal("date: '02/12/2026' is not a date; write 2026-12-02", _rig.Schedules.Skip(id, new SkipRequest("02/12/2026", null), "tester").Problems.Single().Message);
        Assert.Equal("date: 2026-11-22 is in the past in Asia/Ho_Chi_Minh", _rig.Schedules.Skip(id, new SkipRequest("2026-11-22", null), "tester").Problems.Single().Message);
        Assert.Equal(
            $"date: schedule {id} has no slot on 2026-11-28 (a Saturday); nothing to skip",
            _rig.Schedules.Skip(id, new SkipRequest("2026-11-28", null), "tester").Problems.Single().Message);
        Assert.True(_rig.Schedules.Skip(id + 1, new SkipRequest("2026-11-24", null), "tester").Problems.Single().NotFound);
        Assert.Empty(_rig.Schedules.Get(id)!.Skips);
    }

    [Fact]
    public async Task Skip_Valid_MarksTheNextSlotsOfThatDate_AndIsIdempotent()
    {
        var id = (await _rig.Schedules.AddAsync(Requests.Daily("05:30", "17:00"))).Id;

        var first = _rig.Schedules.Skip(id, new SkipRequest("2026-11-24", "Ngày hội"), "tester").Value!;
        var again = _rig.Schedules.Skip(id, new SkipRequest("2026-11-24", "other reason"), "tester").Value!;

        Assert.Equal([new Broadcast.Scheduling.Schedules.SkipView("2026-11-24", "Ngày hội")], again.Skips);
        Assert.Equal(
            [("2026-11-23T17:00:00+07:00", false), ("2026-11-24T05:30:00+07:00", true), ("2026-11-24T17:00:00+07:00", true), ("2026-11-25T05:30:00+07:00", false)],
            first.Next.Take(4).Select(o => (o.At, o.Skipped)));
        Assert.Single(_rig.Audit.Of("schedule.skip"));
    }

    [Fact]
    public async Task Remove_KeepsTheHistory_AndAnUnknownIdIsNull()
    {
        var id = (await _rig.Schedules.AddAsync(Requests.Daily("05:30"))).Id;

        var removed = await _rig.Schedules.RemoveAsync(id, "tester", CancellationToken.None);
        var twice = await _rig.Schedules.RemoveAsync(id, "tester", CancellationToken.None);

        Assert.NotNull(removed?.RemovedAt);
        Assert.Null(twice);
        Assert.Empty(_rig.Schedules.List());
        Assert.False(_triggers.Scheduled.ContainsKey(id));
        Assert.NotNull(_rig.Schedules.Get(id)?.RemovedAt);
        Assert.Empty(_rig.Schedules.Get(id)!.Next);
    }

    private async Task<ScheduleProblem> RefusedAsync(ScheduleRequest request)
    {
        var result = await _rig.Schedules.AddAsync(request, "tester", CancellationToken.None);
        Assert.Null(result.Value);
        Assert.Empty(_rig.Schedules.List());
        Assert.Empty(_triggers.Scheduled);
        return Assert.Single(result.Problems);
    }
}
