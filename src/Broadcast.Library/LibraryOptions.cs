using System.ComponentModel.DataAnnotations;

namespace Broadcast.Library;

/// <summary>Programme library settings, section <c>Library</c> of <c>config/appsettings.json</c>.</summary>
public sealed class LibraryOptions
{
    public const string Section = "Library";

    /// <summary>500 MiB: about 4 hours of 128 kb/s MP3 or 45 minutes of CD-quality WAV.</summary>
    public const long DefaultMaxUploadBytes = 500L * 1024 * 1024;

    /// <summary>Largest file an upload may carry, in bytes; a larger one is refused (HTTP 413) and nothing is kept.</summary>
    [Range(typeof(long), "1", "4611686018427387903")]
    public long MaxUploadBytes { get; set; } = DefaultMaxUploadBytes;

    /// <summary>
    /// Folder holding <c>library.db</c>, <c>objects/</c> and <c>incoming/</c>; null means <c>{Controller:DataDir}/library</c>
    /// (filled in when the options are built, so after start-up it is never null).
    /// </summary>
    public string? Directory { get; set; }

    /// <summary>
    /// Encodes that may run at once. Each one holds its decoded audio in memory (up to 1 GiB for a 93-minute programme)
    /// and already uses every core, so more would only share the same cores and multiply the memory.
    /// </summary>
    [Range(1, 16)]
    public int MaxConcurrentEncodes { get; set; } = 2;
}
