using System.ComponentModel.DataAnnotations;

namespace Broadcast.Audit;

/// <summary>Audit trail settings, section <c>Audit</c> of <c>config/appsettings.json</c>.</summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>The file name used inside <c>Controller:DataDir</c> when <see cref="Path"/> is not set.</summary>
    public const string DefaultFileName = "audit.db";

    /// <summary>
    /// Where the trail's SQLite file lives; unset means <c>{Controller:DataDir}/audit.db</c>. Relative paths are taken
    /// from the current directory, like <c>Controller:DataDir</c>.
    /// </summary>
    [RegularExpression(@"^\s*\S[\s\S]*$", ErrorMessage = "Audit:Path is blank; remove the key to keep the trail in Controller:DataDir as audit.db, or give a file path")]
    public string? Path { get; set; }

    /// <summary>How long an append waits for another process that holds the file's write lock before it fails.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The largest <c>limit</c> the API accepts for one page of <c>GET /api/audit</c>.</summary>
    [Range(1, 100_000)]
    public int MaxPageSize { get; set; } = 10_000;

    /// <summary>The file to open: <see cref="Path"/>, or <c>audit.db</c> in <paramref name="dataDir"/>.</summary>
    public string ResolvePath(string? dataDir) =>
        System.IO.Path.GetFullPath(string.IsNullOrWhiteSpace(Path)
            ? System.IO.Path.Combine(string.IsNullOrWhiteSpace(dataDir) ? "data" : dataDir, DefaultFileName)
            : Path);
}
