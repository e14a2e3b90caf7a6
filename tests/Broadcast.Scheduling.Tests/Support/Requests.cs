using Broadcast.Scheduling.Definitions;
using Broadcast.Scheduling.Schedules;

namespace Broadcast.Scheduling.Tests.Support;

/// <summary>Valid schedule requests to start from; tests change one field.</summary>
internal static class Requests
{
    public static ScheduleRequest Daily(params string[] times) => new()
    {
        Name = "Bản tin sáng",
        Programmes = [SchedulingRig.Programme],
        Target = "all",
        Priority = "district",
        Kind = "daily",
        Times = times,
    };

    public static ScheduleRequest OneOff(string at) => Daily() with { Kind = "oneOff", Times = null, At = at };

    public static async Task<ScheduleView> AddAsync(this ScheduleService schedules, ScheduleRequest request)
    {
        var result = await schedules.AddAsync(request, "tester", CancellationToken.None);
        return result.Value ?? throw new InvalidOperationException("refused: " + string.Join("; ", result.Problems.Select(p => p.Message)));
    }
}
