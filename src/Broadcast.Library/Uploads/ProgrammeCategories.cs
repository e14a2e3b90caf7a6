namespace Broadcast.Library.Uploads;

/// <summary>The categories a programme is filed under (stable: schedules and reports key on them).</summary>
public static class ProgrammeCategories
{
    public const string News = "news";
    public const string Law = "law";
    public const string Agriculture = "agriculture";
    public const string Health = "health";
    public const string Emergency = "emergency";
    public const string Music = "music";

    /// <summary>Used when an upload names no category: most of what a district station airs is news.</summary>
    public const string Default = News;

    /// <summary>Every category, in the order they are listed to people.</summary>
    public static IReadOnlyList<string> All { get; } = [News, Law, Agriculture, Health, Emergency, Music];

    /// <summary>The category spelled <paramref name="text"/> in any letter case, or null when there is none.</summary>
    public static string? Find(string? text)
    {
        var trimmed = text?.Trim();
        return All.FirstOrDefault(c => string.Equals(c, trimmed, StringComparison.OrdinalIgnoreCase));
    }
}
