using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace Broadcast.Audio.Ingest;

/// <summary>The parts of a RIFF/WAVE header that <see cref="WavReader"/> needs, found by walking the chunks.</summary>
internal sealed record WavHeader(
    WavSampleFormat Format,
    int Channels,
    int SampleRate,
    int BitsPerSample,
    int BlockAlign,
    long DataOffset,
    long DataLength)
{
    private const uint StreamingSize = 0xFFFFFFFF;

    // KSDATAFORMAT_SUBTYPE_PCM/IEEE_FLOAT are {0000000X-0000-0010-8000-00AA00389B71}; bytes 2..15 are shared.
    private static ReadOnlySpan<byte> SubFormatGuidTail =>
        [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];

    public long Frames => DataLength / BlockAlign;

    public string CodecName => Format switch
    {
        WavSampleFormat.UnsignedInt8 => "pcm_u8",
        WavSampleFormat.SignedInt16 => "pcm_s16le",
        WavSampleFormat.SignedInt24 => "pcm_s24le",
        WavSampleFormat.SignedInt32 => "pcm_s32le",
        WavSampleFormat.Float32 => "pcm_f32le",
        WavSampleFormat.Float64 => "pcm_f64le",
        _ => "unknown",
    };

    /// <summary>True when the first 12 bytes are <c>RIFF....WAVE</c>.</summary>
    public static bool IsRiffWave(ReadOnlySpan<byte> first12) =>
        first12.Length >= 12 && first12[..4].SequenceEqual("RIFF"u8) && first12[8..12].SequenceEqual("WAVE"u8);

    /// <summary>
    /// Walks the chunks of a file already known to start with RIFF/WAVE. Returns a header whose
    /// <see cref="Format"/> is <see cref="WavSampleFormat.Foreign"/> for codecs left to ffmpeg.
    /// </summary>
    /// <exception cref="AudioIngestException">InvalidHeader, Truncated, NoAudio or Unsupported.</exception>
    public static WavHeader Parse(SafeFileHandle file, long fileLength, string path)
    {
        Span<byte> head = stackalloc byte[12];
        RandomAccess.Read(file, head, 0);
        var riffSize = BinaryPrimitives.ReadUInt32LittleEndian(head[4..]);

        Span<byte> fmt = stackalloc byte[40];
        var fmtLength = -1;
        long offset = 12;
        Span<byte> chunk = stackalloc byte[8];
        while (offset + 8 <= fileLength)
        {
            RandomAccess.Read(file, chunk, offset);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(chunk[4..]);
            var body = offset + 8;
            if (chunk[..4].SequenceEqual("fmt "u8))
            {
                if (size < 16 || body + 16 > fileLength)
                {
                    throw Invalid(path, $"the fmt chunk is {AudioIngestException.N(size)} bytes, a WAV needs at least 16");
                }

                fmtLength = (int)Math.Min(size, (uint)fmt.Length);
                fmtLength = RandomAccess.Read(file, fmt[..fmtLength], body);
            }
            else if (chunk[..4].SequenceEqual("data"u8))
            {
                if (fmtLength < 0)
                {
                    throw Invalid(path, "the WAV has no fmt chunk before its data chunk, so the sample format is unknown");
                }

                return Build(fmt[..fmtLength], body, ResolveDataLength(size, riffSize, body, fileLength, path), path);
            }

            // RIFF pads every chunk to an even size; the pad byte is not counted in the chunk size.
            offset = body + size + (size & 1);
        }

        throw Invalid(path, fmtLength < 0
            ? "the WAV has no fmt chunk (sample format unknown); re-export the file"
            : "the WAV has no data chunk (no audio); re-export the file");
    }

    private static long ResolveDataLength(uint size, uint riffSize, long body, long fileLength, string path)
    {
        var available = fileLength - body;

        // Recorders that stream to a pipe cannot seek back to write the sizes: they leave 0xFFFFFFFF, or 0 in
        // both the RIFF and the data size. We read such data to the end of the file, which is the only length known.
        if (size == StreamingSize || (size == 0 && available > 0 && (riffSize == 0 || riffSize == StreamingSize)))
        {
            return available;
        }

        if (size == 0)
        {
            throw new AudioIngestException(path, AudioIngestError.NoAudio, "the WAV data chunk is empty (0 bytes of audio); the recording holds nothing to play");
        }

        // Refuse rather than clamp: a programme cut short (an interrupted copy or upload) must not go on air as
        // if it were complete, so the technician is told and can upload the file again.
        if (size > available)
        {
            throw new AudioIngestException(path, AudioIngestError.Truncated,
                $"WAV header says {AudioIngestException.N(size)} bytes of audio but the file holds {AudioIngestException.N(available)}; the file was cut short, upload it again");
        }

        return size;
    }

    private static WavHeader Build(ReadOnlySpan<byte> fmt, long dataOffset, long dataLength, string path)
    {
        var tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
        var channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..]);
        var rate = BinaryPrimitives.ReadUInt32LittleEndian(fmt[4..]);
        var blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(fmt[12..]);
        var bits = BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..]);
        if (channels == 0)
        {
            throw Invalid(path, "the WAV fmt chunk says 0 channels");
        }

        if (rate == 0 || rate > 1_000_000)
        {
            throw Invalid(path, $"the WAV fmt chunk says a sample rate of {AudioIngestException.N(rate)} Hz");
        }

        const ushort Extensible = 0xFFFE;
        if (tag == Extensible)
        {
            // WAVE_FORMAT_EXTENSIBLE: cbSize(2) validBits(2) channelMask(4) SubFormat GUID(16) follow the 16 bytes.
            if (fmt.Length < 40)
            {
                throw Invalid(path, "the WAV fmt chunk says WAVE_FORMAT_EXTENSIBLE but is too short to hold the sub-format");
            }

            tag = fmt[24..40][2..].SequenceEqual(SubFormatGuidTail) ? BinaryPrimitives.ReadUInt16LittleEndian(fmt[24..]) : (ushort)0;
        }

        var format = (tag, bits) switch
        {
            (1, 8) => WavSampleFormat.UnsignedInt8,
            (1, 16) => WavSampleFormat.SignedInt16,
            (1, 24) => WavSampleFormat.SignedInt24,
            (1, 32) => WavSampleFormat.SignedInt32,
            (3, 32) => WavSampleFormat.Float32,
            (3, 64) => WavSampleFormat.Float64,
            (1 or 3, _) => throw new AudioIngestException(path, AudioIngestError.Unsupported,
                $"{bits}-bit {(tag == 1 ? "integer" : "float")} WAV samples are not supported; export 16-bit, 24-bit or float"),
            _ => WavSampleFormat.Foreign,
        };

        if (format == WavSampleFormat.Foreign)
        {
            return new WavHeader(format, channels, (int)rate, bits, blockAlign, dataOffset, dataLength);
        }

        var expectedAlign = channels * (bits / 8);
        if (blockAlign != expectedAlign)
        {
            throw Invalid(
                path,
                $"the WAV fmt chunk says {blockAlign} bytes per frame but {channels} channel(s) of {bits} bits need {expectedAlign}");
        }

        var header = new WavHeader(format, channels, (int)rate, bits, blockAlign, dataOffset, dataLength);
        if (header.Frames == 0)
        {
            throw new AudioIngestException(path, AudioIngestError.NoAudio, $"the WAV data chunk holds {AudioIngestException.N(dataLength)} bytes, less than one sample frame");
        }

        return header;
    }

    private static AudioIngestException Invalid(string path, string problem) =>
        new(path, AudioIngestError.InvalidHeader, problem);
}
