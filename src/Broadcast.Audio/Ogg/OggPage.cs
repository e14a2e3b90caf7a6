using System.Buffers.Binary;

namespace Broadcast.Audio.Ogg;

/// <summary>Ogg page header layout (RFC 3533 §6); all multi-byte fields are little-endian.</summary>
internal static class OggPage
{
    /// <summary>Bytes before the segment table.</summary>
    public const int HeaderBytes = 27;

    public const int MaxSegments = 255;

    /// <summary>A lacing value of 255 means "the packet goes on"; a smaller one ends it (RFC 3533 §5).</summary>
    public const int MaxSegmentBytes = 255;

    public const int MaxBodyBytes = MaxSegments * MaxSegmentBytes;

    public const int MaxPageBytes = HeaderBytes + MaxSegments + MaxBodyBytes;

    public const int CrcOffset = 22;

    /// <summary>"OggS", the capture pattern that starts every page.</summary>
    public static ReadOnlySpan<byte> CapturePattern => "OggS"u8;

    public static void WriteHeader(Span<byte> header, OggPageFlags flags, long granule, uint serial, uint sequence, int segments)
    {
        CapturePattern.CopyTo(header);
        header[4] = 0; // stream_structure_version
        header[5] = (byte)flags;
        BinaryPrimitives.WriteInt64LittleEndian(header[6..], granule);
        BinaryPrimitives.WriteUInt32LittleEndian(header[14..], serial);
        BinaryPrimitives.WriteUInt32LittleEndian(header[18..], sequence);
        BinaryPrimitives.WriteUInt32LittleEndian(header[CrcOffset..], 0);
        header[26] = (byte)segments;
    }
}
