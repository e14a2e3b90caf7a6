namespace Broadcast.Audio.Ingest;

/// <summary>Options for <see cref="AudioIngest.OpenAsync"/>.</summary>
public sealed class IngestOptions
{
    /// <summary>Options with every default: mono output, ffmpeg and ffprobe from the PATH.</summary>
    public static IngestOptions Default { get; } = new();

    /// <summary>Downmix to one channel (the average of the channels). Default true: speaker clusters play mono.</summary>
    public bool Mono { get; init; } = true;

    /// <summary>ffmpeg executable, a name on the PATH or a full path.</summary>
    public string FfmpegPath { get; init; } = "ffmpeg";

    /// <summary>ffprobe executable; null means "ffprobe next to <see cref="FfmpegPath"/>".</summary>
    public string? FfprobePath { get; init; }

    internal string ResolveFfprobePath()
    {
        if (FfprobePath is not null)
        {
            return FfprobePath;
        }

        var dir = Path.GetDirectoryName(FfmpegPath);
        var name = Path.GetFileName(FfmpegPath).Replace("ffmpeg", "ffprobe", StringComparison.OrdinalIgnoreCase);
        return string.IsNullOrEmpty(dir) ? name : Path.Combine(dir, name);
    }
}
