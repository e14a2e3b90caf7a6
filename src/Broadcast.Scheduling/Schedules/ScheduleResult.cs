using Broadcast.Scheduling.Definitions;

namespace Broadcast.Scheduling.Schedules;

/// <summary>A value, or the problems that refused the request (each naming its field).</summary>
internal sealed record ScheduleResult<T>(T? Value, IReadOnlyList<ScheduleProblem> Problems)
    where T : class
{
    public static ScheduleResult<T> Ok(T value) => new(value, []);

    public static ScheduleResult<T> Fail(ScheduleProblem problem) => new(null, [problem]);

    public static ScheduleResult<T> Fail(IReadOnlyList<ScheduleProblem> problems) => new(null, problems);
}
