using System.Globalization;
using Broadcast.Controller.Broadcasts;
using Broadcast.Scheduling.Programmes;
using Broadcast.Scheduling.Recurrence;
using Broadcast.Scheduling.Targets;
using Microsoft.Extensions.Options;
using Quartz;
using SchedulingOptions = Broadcast.Scheduling.Hosting.SchedulingOptions;

namespace Broadcast.Scheduling.Definitions;

/// <summary>
/// Turns a <see cref="ScheduleRequest"/> into a <see cref="ScheduleDefinition"/>, or into problems that each name
/// the field and say what to write instead. Invalid fields are all reported together (400); unknown programmes are
/// checked only once the rest is valid (404).
/// </summary>
internal sealed class ScheduleRequestValidator(ProgrammeLookup programmes, ITargetDirectory targets, IOptions<SchedulingOptions> options)
{
    /// <summary>Slots closer together than this are refused: each one is a broadcast, and the ledger keeps a row per slot.</summary>
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromMinutes(1);

    private const int MaxNameLength = 200;

    private static readonly string[] LocalFormats =
    [
        "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
    ];

    private static readonly string[] OffsetFormats = ["yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"];

    private static readonly string[] TimeFormats = ["H:mm", "HH:mm", "H:mm:ss", "HH:mm:ss"];

    public (ScheduleDefinition? Definition, IReadOnlyList<ScheduleProblem> Problems) Validate(ScheduleRequest request, DateTimeOffset now, string actor)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problems = new List<ScheduleProblem>();
        var name = (request.Name ?? string.Empty).Trim();
        if (name.Length == 0 || name.Length > MaxNameLength)
        {
            problems.Add(ScheduleProblem.Invalid("name", $"name: give the schedule a name of 1 to {MaxNameLength} characters (operators see it in lists and the audit trail)"));
        }

        var zone = ReadZone(request.TimeZone, problems);
        var grace = ReadGrace(request.Grace, problems);
        var priority = ReadPriority(request.Priority, problems);
        var target = (request.Target ?? string.Empty).Trim();
        if (targets.Lookup(target) is { IsOk: false } lookup)
        {
            problems.Add(ScheduleProblem.Invalid("target", $"target: {lookup.Error}"));
        }

        var playlist = ReadProgrammes(request.Programmes, problems);
        var definition = ReadWhen(request, zone, now, problems);
        if (problems.Count > 0 || definition is null)
        {
            return (null, problems);
        }

        for (var i = 0; i < playlist.Count; i++)
        {
            if (!programmes.Exists(playlist[i]))
            {
                problems.Add(ScheduleProblem.Missing(
                    string.Create(CultureInfo.InvariantCulture, $"programmes[{i}]"),
                    $"programme '{playlist[i]}' not found: it is not in the library (GET /api/programmes lists them) nor an audio file on the controller"));
            }
            else if (programmes.WhyNotSchedulable(playlist[i]) is { } notApproved)
            {
                problems.Add(ScheduleProblem.Invalid(string.Create(CultureInfo.InvariantCulture, $"programmes[{i}]"), $"programmes[{i}]: {notApproved}"));
            }
        }

        if (problems.Count > 0)
        {
            return (null, problems);
        }

        return (definition with
        {
            Name = name,
            Programmes = playlist,
            Target = target,
            Priority = priority,
            GraceWindow = grace,
            TimeZone = zone!,
            CreatedBy = actor,
            CreatedUtc = now,
        }, problems);
    }

    private TimeZoneInfo? ReadZone(string? text, List<ScheduleProblem> problems)
    {
        var id = string.IsNullOrWhiteSpace(text) ? options.Value.TimeZone : text.Trim();
        if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
        {
            return zone;
        }

        problems.Add(ScheduleProblem.Invalid("timeZone", $"timeZone: '{id}' is not a time zone known to the controller; use an IANA id such as Asia/Ho_Chi_Minh"));
        return null;
    }

    private TimeSpan ReadGrace(string? text, List<ScheduleProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return options.Value.DefaultGraceWindow;
        }

        if (DurationText.TryParse(text, out var grace) && grace >= TimeSpan.FromSeconds(1) && grace <= TimeSpan.FromDays(1))
        {
            return grace;
        }

        problems.Add(ScheduleProblem.Invalid("grace", $"grace: '{text}' is not a duration from 1 second to 24 hours; write 00:10:00, 10m or 90s"));
        return default;
    }

    private static BroadcastPriority ReadPriority(string? text, List<ScheduleProblem> problems)
    {
        var priorityText = string.IsNullOrWhiteSpace(text) ? "district" : text.Trim();
        if (Enum.TryParse<BroadcastPriority>(priorityText, ignoreCase: true, out var priority) && Enum.IsDefined(priority) && !int.TryParse(priorityText, out _))
        {
            return priority;
        }

        problems.Add(ScheduleProblem.Invalid("priority", $"priority: unknown priority '{priorityText}': use emergency, district, commune or background"));
        return default;
    }

    private static List<string> ReadProgrammes(IReadOnlyList<string>? list, List<ScheduleProblem> problems)
    {
        if (list is null || list.Count == 0)
        {
            problems.Add(ScheduleProblem.Invalid("programmes", "programmes: name at least one programme id; several play back to back in the order given"));
            return [];
        }

        var playlist = new List<string>(list.Count);
        for (var i = 0; i < list.Count; i++)
        {
            var id = (list[i] ?? string.Empty).Trim();
            if (id.Length == 0)
            {
                problems.Add(ScheduleProblem.Invalid(string.Create(CultureInfo.InvariantCulture, $"programmes[{i}]"), "programmes: an empty programme id"));
            }

            playlist.Add(id);
        }

        return playlist;
    }

    /// <summary>The kind and its one when-field; fields that belong to another kind are refused rather than ignored.</summary>
    private static ScheduleDefinition? ReadWhen(ScheduleRequest request, TimeZoneInfo? zone, DateTimeOffset now, List<ScheduleProblem> problems)
    {
        if (!ScheduleKindNames.TryParse(request.Kind, out var kind))
        {
            problems.Add(ScheduleProblem.Invalid("kind", $"kind: '{request.Kind}' is not a schedule kind; use {ScheduleKindNames.Choices}"));
            return null;
        }

        var kindName = ScheduleKindNames.Name(kind);
        RefuseUnless(kind == ScheduleKind.OneOff, "at", request.At is not null, kindName, problems);
        RefuseUnless(kind == ScheduleKind.Cron, "cron", request.Cron is not null, kindName, problems);
        RefuseUnless(kind is ScheduleKind.Daily or ScheduleKind.Weekdays or ScheduleKind.MonthlyFirstMonday, "times", request.Times is not null, kindName, problems);
        var definition = new ScheduleDefinition
        {
            Name = string.Empty,
            Kind = kind,
            Programmes = [],
            Target = string.Empty,
            Priority = default,
            GraceWindow = default,
            TimeZone = zone ?? TimeZoneInfo.Utc,
            CreatedBy = string.Empty,
            CreatedUtc = now,
        };
        switch (kind)
        {
            case ScheduleKind.OneOff:
                return ReadAt(request.At, zone, now, problems) is { } at ? definition with { AtLocal = at } : null;
            case ScheduleKind.Cron:
                return ReadCron(request.Cron, zone, now, problems) is { } cron ? definition with { Cron = cron } : null;
            default:
                var times = ReadTimes(request.Times, kindName, problems);
                return times.Count > 0 ? definition with { Times = times } : null;
        }
    }

    private static void RefuseUnless(bool belongs, string field, bool given, string kind, List<ScheduleProblem> problems)
    {
        if (given && !belongs)
        {
            problems.Add(ScheduleProblem.Invalid(field, $"{field}: not used by kind '{kind}'; leave it out"));
        }
    }

    private static DateTime? ReadAt(string? text, TimeZoneInfo? zone, DateTimeOffset now, List<ScheduleProblem> problems)
    {
        var s = (text ?? string.Empty).Trim();
        DateTime local;
        if (DateTime.TryParseExact(s, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            local = parsed;
        }
        else if (DateTimeOffset.TryParseExact(s, OffsetFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset) && zone is not null)
        {
            local = TimeZoneInfo.ConvertTime(withOffset, zone).DateTime;
        }
        else
        {
            problems.Add(ScheduleProblem.Invalid("at", $"at: '{text}' is not a local date and time; write 2026-12-01 05:30"));
            return null;
        }

        if (zone is null)
        {
            return null;
        }

        if (zone.IsInvalidTime(local))
        {
            problems.Add(ScheduleProblem.Invalid("at", $"at: {s} does not exist in {zone.Id} (the clocks skip it)"));
            return null;
        }

        if (LocalTime.ToUtc(local, zone) <= now)
        {
            problems.Add(ScheduleProblem.Invalid("at", $"at: {s} ({zone.Id}) is in the past; it is now {LocalTime.Format(now, zone)} there"));
            return null;
        }

        return local;
    }

    private static string? ReadCron(string? text, TimeZoneInfo? zone, DateTimeOffset now, List<ScheduleProblem> problems)
    {
        var s = (text ?? string.Empty).Trim();
        CronExpression expression;
        try
        {
            expression = CronExpression.Parse(s);
        }
        catch (FormatException ex)
        {
            problems.Add(ScheduleProblem.Invalid("cron", $"cron: '{s}' is not a valid Quartz cron expression (seconds minutes hours day-of-month month day-of-week [year]): {ex.Message}"));
            return null;
        }

        if (zone is null)
        {
            return null;
        }

        var upcoming = expression.WithTimeZone(zone);
        var first = upcoming.GetNextValidTimeAfter(now);
        if (first is null)
        {
            problems.Add(ScheduleProblem.Invalid("cron", $"cron: '{s}' never fires after now"));
            return null;
        }

        // The tightest gap among the next occurrences catches "every second" and "every 10 seconds" forms.
        var previous = first.Value;
        for (var i = 0; i < 60 && upcoming.GetNextValidTimeAfter(previous) is { } next; i++, previous = next)
        {
            if (next - previous < MinimumInterval)
            {
                problems.Add(ScheduleProblem.Invalid("cron", $"cron: '{s}' fires {LocalTime.Duration(next - previous)} apart; scheduled slots must be at least a minute apart"));
                return null;
            }
        }

        return s;
    }

    private static List<TimeOnly> ReadTimes(IReadOnlyList<string>? list, string kind, List<ScheduleProblem> problems)
    {
        var times = new SortedSet<TimeOnly>();
        foreach (var item in list ?? [])
        {
            if (!TimeOnly.TryParseExact((item ?? string.Empty).Trim(), TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            {
                problems.Add(ScheduleProblem.Invalid("times", $"times: '{item}' is not a time of day; write 05:30 or 17:00"));
                return [];
            }

            times.Add(time);
        }

        if (times.Count == 0)
        {
            problems.Add(ScheduleProblem.Invalid("times", $"times: kind '{kind}' needs at least one time of day, e.g. [\"05:30\", \"17:00\"]"));
        }

        return [.. times];
    }
}
