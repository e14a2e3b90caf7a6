namespace Broadcast.Scheduling.Definitions;

/// <summary>A refused field of a schedule request: which field, what is wrong with it, and whether it names something missing (404) or is invalid (400).</summary>
public sealed record ScheduleProblem(string Field, string Message, bool NotFound = false)
{
    public static ScheduleProblem Invalid(string field, string message) => new(field, message);

    public static ScheduleProblem Missing(string field, string message) => new(field, message, NotFound: true);
}
