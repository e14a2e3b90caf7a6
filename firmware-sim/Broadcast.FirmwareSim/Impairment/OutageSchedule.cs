using System.Globalization;

namespace Broadcast.FirmwareSim.Impairment;

/// <summary>
/// When a link is down: "10s@40s" = down for 10 s from 40 s after start; "10s@40s/120s" = the same again every 120 s.
/// </summary>
internal sealed record OutageSchedule(TimeSpan Duration, TimeSpan Start, TimeSpan? Period)
{
    /// <summary>True when the link is down at <paramref name="sinceStart"/>.</summary>
    public bool IsDown(TimeSpan sinceStart)
    {
        if (sinceStart < Start)
        {
            return false;
        }

        var into = sinceStart - Start;
        if (Period is { } period)
        {
            into = TimeSpan.FromTicks(into.Ticks % period.Ticks);
        }

        return into < Duration;
    }

    /// <summary>Parses "DUR@START" or "DUR@START/PERIOD"; durations like 10s, 500ms, 2m.</summary>
    public static bool TryParse(string? text, out OutageSchedule? schedule, out string error)
    {
        schedule = null;
        error = string.Empty;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "outage is empty; expected DURATION@START[/PERIOD], e.g. 10s@40s or 10s@40s/120s";
            return false;
        }

        var at = text.Split('@');
        if (at.Length != 2)
        {
            error = $"outage '{text}' has no '@'; expected DURATION@START[/PERIOD], e.g. 10s@40s";
            return false;
        }

        var startAndPeriod = at[1].Split('/');
        if (startAndPeriod.Length > 2
            || !Units.TryParseDuration(at[0], out var duration)
            || !Units.TryParseDuration(startAndPeriod[0], out var start))
        {
            error = $"outage '{text}': durations must look like 10s, 500ms or 2m; expected DURATION@START[/PERIOD]";
            return false;
        }

        TimeSpan? period = null;
        if (startAndPeriod.Length == 2)
        {
            if (!Units.TryParseDuration(startAndPeriod[1], out var p) || p <= duration)
            {
                error = $"outage '{text}': the period must be a duration longer than the outage ({duration.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s)";
                return false;
            }

            period = p;
        }

        if (duration <= TimeSpan.Zero)
        {
            error = $"outage '{text}': the duration must be positive";
            return false;
        }

        schedule = new OutageSchedule(duration, start, period);
        return true;
    }
}
