namespace Broadcast.Controller.Streaming.Live;

/// <summary>Exponential back-off of live input restarts: initial, 2 x initial, 4 x initial ... capped at the maximum.</summary>
internal static class RetryBackoff
{
    /// <summary>The wait before retry number <paramref name="attempt"/> (1 = the first retry after a failure).</summary>
    public static TimeSpan Delay(int attempt, TimeSpan initial, TimeSpan max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);

        // 2^30 x 100 ms is years: past that the cap has long applied, and the shift cannot overflow.
        var doubled = initial.Ticks << Math.Min(attempt - 1, 30);
        return doubled <= 0 || doubled > max.Ticks ? max : TimeSpan.FromTicks(doubled);
    }
}
