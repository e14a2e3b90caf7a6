using System.Buffers.Binary;

namespace Broadcast.Audio.Ogg;

/// <summary>
/// The Ogg Opus identification header, "OpusHead" (RFC 7845 §5.1). Broadcast writes channel mapping family 0
/// only (mono or stereo, no mapping table), which is all a speaker stream needs.
/// </summary>
public sealed record OggOpusHeader
{
    /// <summary>Serialized size with mapping family 0: magic(8) version(1) channels(1) pre-skip(2) rate(4) gain(2) family(1).</summary>
    public const int Size = 19;

    /// <summary>Version this library writes; readers accept any 0..15 (RFC 7845 §5.1: same major version).</summary>
    public const int CurrentVersion = 1;

    /// <summary>Header version read from or written to the stream.</summary>
    public int Version { get; init; } = CurrentVersion;

    /// <summary>Output channels, 1 or 2 under mapping family 0.</summary>
    public int ChannelCount { get; init; } = 1;

    /// <summary>Samples at 48 kHz to discard from the decoder output at the start (the encoder's lookahead, RFC 7845 §4.2).</summary>
    public int PreSkip { get; init; }

    /// <summary>Sample rate of the original input in Hz, informational only (playback is at 48 kHz); 0 if unknown.</summary>
    public int InputSampleRate { get; init; } = 48000;

    /// <summary>Gain to apply on decode, in dB as signed Q7.8 fixed point (256 = +1 dB).</summary>
    public short OutputGain { get; init; }

    /// <summary>Channel mapping family; always 0 here (RFC 7845 §5.1.1.1).</summary>
    public const int MappingFamily = 0;

    internal static ReadOnlySpan<byte> Magic => "OpusHead"u8;

    /// <summary>Writes the header; returns false if <paramref name="destination"/> is shorter than <see cref="Size"/>.</summary>
    public bool TryWrite(Span<byte> destination, out int written)
    {
        Validate();
        written = 0;
        if (destination.Length < Size)
        {
            return false;
        }

        Magic.CopyTo(destination);
        destination[8] = (byte)Version;
        destination[9] = (byte)ChannelCount;
        BinaryPrimitives.WriteUInt16LittleEndian(destination[10..], (ushort)PreSkip);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[12..], (uint)InputSampleRate);
        BinaryPrimitives.WriteInt16LittleEndian(destination[16..], OutputGain);
        destination[18] = 0;
        written = Size;
        return true;
    }

    /// <summary>Parses an OpusHead packet; on failure <paramref name="error"/> says why.</summary>
    internal static bool TryRead(ReadOnlySpan<byte> packet, out OggOpusHeader? header, out string? error)
    {
        header = null;
        if (packet.Length < 8 || !packet[..8].SequenceEqual(Magic))
        {
            error = "first packet is not an OpusHead identification header (RFC 7845 §5.1)";
            return false;
        }

        if (packet.Length < Size)
        {
            error = $"OpusHead is {packet.Length} bytes, at least {Size} expected";
            return false;
        }

        var version = packet[8];
        if (version > 15)
        {
            error = $"OpusHead version {version} is an incompatible major version (RFC 7845 §5.1)";
            return false;
        }

        var channels = packet[9];
        var family = packet[18];
        if (family != 0)
        {
            error = $"channel mapping family {family} is not supported (only family 0, mono/stereo)";
            return false;
        }

        if (channels is not (1 or 2))
        {
            error = $"OpusHead declares {channels} channels; mapping family 0 allows 1 or 2";
            return false;
        }

        header = new OggOpusHeader
        {
            Version = version,
            ChannelCount = channels,
            PreSkip = BinaryPrimitives.ReadUInt16LittleEndian(packet[10..]),
            InputSampleRate = (int)Math.Min(int.MaxValue, BinaryPrimitives.ReadUInt32LittleEndian(packet[12..])),
            OutputGain = BinaryPrimitives.ReadInt16LittleEndian(packet[16..]),
        };
        error = null;
        return true;
    }

    internal void Validate()
    {
        if (Version is < 0 or > 15)
        {
            throw new ArgumentOutOfRangeException(nameof(Version), Version, "OpusHead version must be 0..15.");
        }

        if (ChannelCount is not (1 or 2))
        {
            throw new ArgumentOutOfRangeException(nameof(ChannelCount), ChannelCount, "Mapping family 0 allows 1 or 2 channels.");
        }

        if (PreSkip is < 0 or > ushort.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(PreSkip), PreSkip, "PreSkip must fit 16 bits.");
        }

        if (InputSampleRate < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(InputSampleRate), InputSampleRate, "InputSampleRate must be >= 0 (0 = unknown).");
        }
    }
}
