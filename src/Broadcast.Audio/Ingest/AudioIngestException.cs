using System.Globalization;

namespace Broadcast.Audio.Ingest;

/// <summary>
/// A programme file could not be read as audio. <see cref="Exception.Message"/> is one line for a district technician
/// that starts with the file name and says what is wrong, e.g.
/// <c>news.wav: WAV header says 10,000,000 bytes of audio but the file holds 44,100</c>.
/// </summary>
public sealed class AudioIngestException : Exception
{
    public AudioIngestException()
        : this(string.Empty, AudioIngestError.DecoderFailed, "audio ingest failed")
    {
    }

    public AudioIngestException(string message)
        : this(string.Empty, AudioIngestError.DecoderFailed, message)
    {
    }

    public AudioIngestException(string message, Exception innerException)
        : this(string.Empty, AudioIngestError.DecoderFailed, message, innerException)
    {
    }

    /// <summary>
    /// Creates the exception. <paramref name="problem"/> says what is wrong; the message is "file name: problem"
    /// (the name is not added twice when <paramref name="problem"/> already starts with it).
    /// </summary>
    public AudioIngestException(string path, AudioIngestError error, string problem, Exception? innerException = null)
        : base(Format(path, problem), innerException)
    {
        Error = error;
        FilePath = path;
    }

    /// <summary>What went wrong, for callers that react differently (e.g. DecoderMissing stops the whole batch).</summary>
    public AudioIngestError Error { get; }

    /// <summary>The path as the caller gave it (may be empty for the parameterless constructors).</summary>
    public string FilePath { get; }

    internal static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Format(string path, string problem)
    {
        // One line: ffmpeg text and file names could carry newlines, which would split a log record.
        var line = problem.ReplaceLineEndings(" ").Trim();
        var name = Path.GetFileName(path);
        return name.Length == 0 || line.StartsWith(name + ":", StringComparison.Ordinal) ? line : $"{name}: {line}";
    }
}
