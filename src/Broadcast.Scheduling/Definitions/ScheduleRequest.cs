namespace Broadcast.Scheduling.Definitions;

/// <summary>
/// Body of <c>POST /api/schedules</c>. Everything is text so that a bad value gets a 400 naming its field rather than
/// a JSON binding error. Example: <c>{"name":"Bản tin sáng","programmes":["p-12"],"target":"all","priority":"district",
/// "kind":"daily","times":["05:30","17:00"],"grace":"00:10:00"}</c>.
/// </summary>
public sealed record ScheduleRequest
{
    public string? Name { get; init; }

    /// <summary>Programme ids (or absolute audio file paths on the controller) played back to back.</summary>
    public IReadOnlyList<string>? Programmes { get; init; }

    /// <summary><c>all</c>, <c>commune:NAME</c>, <c>hamlet:NAME</c>, <c>cluster:ID</c>, comma-separated for several.</summary>
    public string? Target { get; init; }

    /// <summary><c>emergency</c>, <c>district</c> (default), <c>commune</c> or <c>background</c>.</summary>
    public string? Priority { get; init; }

    /// <summary><c>oneOff</c>, <c>daily</c>, <c>weekdays</c>, <c>monthlyFirstMonday</c> or <c>cron</c>.</summary>
    public string? Kind { get; init; }

    /// <summary>oneOff: local date and time, <c>2026-12-01 05:30</c> (or ISO 8601 with an offset).</summary>
    public string? At { get; init; }

    /// <summary>daily, weekdays, monthlyFirstMonday: local times of day, <c>["05:30","17:00"]</c>.</summary>
    public IReadOnlyList<string>? Times { get; init; }

    /// <summary>cron: a Quartz cron expression (seconds first), <c>0 0 6 ? * SAT</c>.</summary>
    public string? Cron { get; init; }

    /// <summary>How late a slot may still air: <c>00:10:00</c>, <c>10m</c>, <c>90s</c>; default <c>Scheduling:DefaultGraceWindow</c>.</summary>
    public string? Grace { get; init; }

    /// <summary>IANA time zone; default <c>Scheduling:TimeZone</c> (Asia/Ho_Chi_Minh).</summary>
    public string? TimeZone { get; init; }
}
