namespace Broadcast.Audio.Ogg;

/// <summary>An Ogg Opus stream is malformed: bad CRC, truncated page, missing headers, not Ogg at all.</summary>
/// <remarks>
/// Derives from <see cref="IOException"/> because <see cref="InvalidDataException"/> is sealed; callers that
/// already handle I/O failures of a file therefore also handle a corrupt one.
/// </remarks>
public sealed class OggFormatException : IOException
{
    public OggFormatException()
    {
    }

    public OggFormatException(string message)
        : base(message)
    {
    }

    public OggFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal OggFormatException(long pageIndex, long byteOffset, string reason)
        : base($"Ogg page {pageIndex} at byte {byteOffset}: {reason}")
    {
        PageIndex = pageIndex;
        ByteOffset = byteOffset;
    }

    /// <summary>Zero-based index of the offending page in the file, or -1 when not about one page.</summary>
    public long PageIndex { get; } = -1;

    /// <summary>File offset where the offending page starts, or -1.</summary>
    public long ByteOffset { get; } = -1;
}
