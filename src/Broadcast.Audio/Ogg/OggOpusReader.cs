using System.Buffers.Binary;

namespace Broadcast.Audio.Ogg;

/// <summary>
/// Reads an Ogg Opus file (RFC 7845): the headers on construction, then Opus packets in order. Any malformation,
/// truncation or CRC failure surfaces as <see cref="OggFormatException"/> naming the page. The caller owns the stream.
/// </summary>
public sealed class OggOpusReader
{
    private readonly Stream _input;
    private readonly OggPacketReader _packets;

    /// <summary>Reads and checks the OpusHead and OpusTags headers (RFC 7845 §3, §5).</summary>
    public OggOpusReader(Stream input)
    {
        ArgumentNullException.ThrowIfNull(input);
        _input = input;
        _packets = new OggPacketReader(input);

        if (!_packets.TryReadPacket(out var head))
        {
            throw _packets.Fail("stream ends before the OpusHead header");
        }

        if (!OggOpusHeader.TryRead(head.Span, out var header, out var error))
        {
            throw _packets.Fail(error!);
        }

        // RFC 7845 §3: the ID header is alone on the first page.
        if (_packets.PageIndex != 0 || !_packets.PacketEndsPage)
        {
            throw _packets.Fail("the first page must hold the OpusHead packet and nothing else");
        }

        Head = header!;

        if (!_packets.TryReadPacket(out var comments))
        {
            throw _packets.Fail("stream ends before the OpusTags header");
        }

        if (!OpusTags.TryRead(comments.Span, out var tags, out error))
        {
            throw _packets.Fail(error!);
        }

        // RFC 7845 §3: audio data starts on a fresh page after the comment header.
        if (!_packets.PacketEndsPage)
        {
            throw _packets.Fail("the OpusTags header must finish its page");
        }

        Tags = tags!;
    }

    /// <summary>The identification header.</summary>
    public OggOpusHeader Head { get; }

    /// <summary>The comment header.</summary>
    public OpusTags Tags { get; }

    /// <summary>Granule position (48 kHz samples incl. pre-skip) of the page the last packet ended on; -1 if none.</summary>
    public long PageGranulePosition => _packets.PageGranule;

    /// <summary>Whether the last packet ended the page whose granule is <see cref="PageGranulePosition"/>.</summary>
    public bool PacketEndsPage => _packets.PacketEndsPage;

    /// <summary>Next Opus packet, or false at the end of the stream. The memory is reused by the next call.</summary>
    public bool TryReadPacket(out ReadOnlyMemory<byte> packet) => _packets.TryReadPacket(out packet);

    /// <summary>
    /// Duration in 48 kHz samples per channel: final granule minus pre-skip (RFC 7845 §4.4). Reads the last page
    /// from the end of the stream (which must be seekable) and restores the position.
    /// </summary>
    public long GetDurationSamples()
    {
        if (!_input.CanSeek)
        {
            throw new NotSupportedException("The duration needs a seekable stream; read all packets and use PageGranulePosition instead.");
        }

        var saved = _input.Position;
        try
        {
            var length = _input.Length;
            var tailLength = (int)Math.Min(length, OggPage.MaxPageBytes);
            var tail = new byte[tailLength];
            _input.Position = length - tailLength;
            _input.ReadExactly(tail);
            var granule = LastGranule(tail);
            return granule < 0
                ? throw new OggFormatException(-1, length - tailLength, "no valid last page with a granule position found near the end of the stream")
                : Math.Max(0, granule - Head.PreSkip);
        }
        finally
        {
            _input.Position = saved;
        }
    }

    /// <summary>Granule of the last CRC-valid page in <paramref name="tail"/> that belongs to this stream, or -1.</summary>
    private static long LastGranule(ReadOnlySpan<byte> tail)
    {
        for (var i = tail.Length - OggPage.HeaderBytes; i >= 0; i--)
        {
            var page = tail[i..];
            if (!page[..4].SequenceEqual(OggPage.CapturePattern))
            {
                continue;
            }

            int segments = page[26];
            if (page.Length < OggPage.HeaderBytes + segments)
            {
                continue;
            }

            var length = OggPage.HeaderBytes + segments;
            foreach (var lacing in page.Slice(OggPage.HeaderBytes, segments))
            {
                length += lacing;
            }

            if (page.Length < length)
            {
                continue;
            }

            var crc = OggCrc.Update(0, page[..OggPage.CrcOffset]);
            crc = OggCrc.Update(crc, [0, 0, 0, 0]);
            crc = OggCrc.Update(crc, page[(OggPage.CrcOffset + 4)..length]);
            var granule = BinaryPrimitives.ReadInt64LittleEndian(page[6..]);
            if (crc == BinaryPrimitives.ReadUInt32LittleEndian(page[OggPage.CrcOffset..]) && granule >= 0)
            {
                return granule;
            }
        }

        return -1;
    }
}
