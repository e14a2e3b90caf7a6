using System.Buffers.Binary;

namespace Broadcast.Audio.Ogg;

/// <summary>
/// Reads pages of a single logical Ogg bitstream (RFC 3533) in order and reassembles packets. Strict on purpose:
/// every CRC is checked, sequence numbers must be contiguous and the stream must end with an EOS page, so a damaged
/// file is reported where it is damaged instead of playing garbage. Buffers are reused between calls.
/// </summary>
internal sealed class OggPacketReader
{
    // Largest packet accepted: far above any Opus packet or sane OpusTags, low enough that garbage cannot exhaust memory.
    private const int MaxPacketBytes = 16 * 1024 * 1024;

    private readonly Stream _input;
    private readonly byte[] _header = new byte[OggPage.HeaderBytes + OggPage.MaxSegments];
    private readonly byte[] _body = new byte[OggPage.MaxBodyBytes];
    private byte[] _packet = new byte[4096];
    private int _packetLength;
    private bool _inPacket;
    private int _segmentCount;
    private int _segmentIndex;
    private int _bodyOffset;
    private long _position;
    private uint _serial;
    private bool _sawEndOfStream;

    public OggPacketReader(Stream input) => _input = input;

    /// <summary>Index of the page read last (0-based), -1 before the first.</summary>
    public long PageIndex { get; private set; } = -1;

    /// <summary>Byte offset where the page read last starts.</summary>
    public long PageOffset { get; private set; }

    /// <summary>Granule position of the page read last (-1 when no packet ends on it).</summary>
    public long PageGranule { get; private set; } = -1;

    /// <summary>Whether the packet returned last was the final packet on its page.</summary>
    public bool PacketEndsPage => _segmentIndex == _segmentCount;

    /// <summary>Next packet; false after the EOS page. The memory stays valid until the next call.</summary>
    public bool TryReadPacket(out ReadOnlyMemory<byte> packet)
    {
        while (true)
        {
            if (PageIndex < 0 || _segmentIndex == _segmentCount)
            {
                if (_sawEndOfStream)
                {
                    if (_inPacket)
                    {
                        throw Fail("the end-of-stream page ends inside a packet");
                    }

                    packet = default;
                    return false;
                }

                ReadPage();
                continue;
            }

            int lacing = _header[OggPage.HeaderBytes + _segmentIndex++];
            Append(_body.AsSpan(_bodyOffset, lacing));
            _bodyOffset += lacing;
            if (lacing < OggPage.MaxSegmentBytes)
            {
                packet = _packet.AsMemory(0, _packetLength);
                _packetLength = 0;
                _inPacket = false;
                return true;
            }
        }
    }

    internal OggFormatException Fail(string reason) => new(PageIndex, PageOffset, reason);

    private void Append(ReadOnlySpan<byte> data)
    {
        _inPacket = true;
        var needed = _packetLength + data.Length;
        if (needed > _packet.Length)
        {
            if (needed > MaxPacketBytes)
            {
                throw Fail($"packet grows beyond {MaxPacketBytes} bytes");
            }

            Array.Resize(ref _packet, Math.Min(MaxPacketBytes, Math.Max(needed, _packet.Length * 2)));
        }

        data.CopyTo(_packet.AsSpan(_packetLength));
        _packetLength = needed;
    }

    private void ReadPage()
    {
        PageIndex++;
        PageOffset = _position;
        var header = _header.AsSpan();

        var n = _input.ReadAtLeast(header[..OggPage.HeaderBytes], OggPage.HeaderBytes, throwOnEndOfStream: false);
        if (n == 0)
        {
            throw Fail("stream ends without an end-of-stream page (truncated file?)");
        }

        if (n < OggPage.HeaderBytes)
        {
            throw Fail($"truncated page header ({n} of {OggPage.HeaderBytes} bytes)");
        }

        if (!header[..4].SequenceEqual(OggPage.CapturePattern))
        {
            throw Fail("no 'OggS' capture pattern: not an Ogg stream, or corrupt");
        }

        if (header[4] != 0)
        {
            throw Fail($"unsupported stream_structure_version {header[4]}");
        }

        var flags = (OggPageFlags)header[5];
        var granule = BinaryPrimitives.ReadInt64LittleEndian(header[6..]);
        var serial = BinaryPrimitives.ReadUInt32LittleEndian(header[14..]);
        var sequence = BinaryPrimitives.ReadUInt32LittleEndian(header[18..]);
        var storedCrc = BinaryPrimitives.ReadUInt32LittleEndian(header[OggPage.CrcOffset..]);
        int segments = header[26];

        var table = header.Slice(OggPage.HeaderBytes, segments);
        n = _input.ReadAtLeast(table, segments, throwOnEndOfStream: false);
        if (n < segments)
        {
            throw Fail($"truncated segment table ({n} of {segments} bytes)");
        }

        var bodyLength = 0;
        foreach (var lacing in table)
        {
            bodyLength += lacing;
        }

        var body = _body.AsSpan(0, bodyLength);
        n = _input.ReadAtLeast(body, bodyLength, throwOnEndOfStream: false);
        if (n < bodyLength)
        {
            throw Fail($"truncated page body ({n} of {bodyLength} bytes)");
        }

        _position += OggPage.HeaderBytes + segments + bodyLength;

        // The CRC covers the whole page with its own field taken as zero (RFC 3533 §6).
        var crc = OggCrc.Update(0, header[..OggPage.CrcOffset]);
        crc = OggCrc.Update(crc, [0, 0, 0, 0]);
        crc = OggCrc.Update(crc, header[(OggPage.CrcOffset + 4)..(OggPage.HeaderBytes + segments)]);
        crc = OggCrc.Update(crc, body);
        if (crc != storedCrc)
        {
            throw Fail($"CRC mismatch (stored 0x{storedCrc:X8}, computed 0x{crc:X8}): the page is corrupt");
        }

        ValidateSequence(flags, serial, sequence);

        var continued = (flags & OggPageFlags.Continued) != 0;
        if (continued != _inPacket)
        {
            throw Fail(continued
                ? "page is flagged as continuing a packet, but no packet is open"
                : "previous page ended inside a packet, but this page is not flagged as continued");
        }

        _sawEndOfStream = (flags & OggPageFlags.EndOfStream) != 0;
        PageGranule = granule;
        _segmentCount = segments;
        _segmentIndex = 0;
        _bodyOffset = 0;
    }

    private void ValidateSequence(OggPageFlags flags, uint serial, uint sequence)
    {
        var bos = (flags & OggPageFlags.BeginOfStream) != 0;
        if (PageIndex == 0)
        {
            if (!bos)
            {
                throw Fail("first page lacks the beginning-of-stream flag");
            }

            _serial = serial;
        }
        else if (bos)
        {
            throw Fail("a second beginning-of-stream page: multiplexed or chained streams are not supported");
        }
        else if (serial != _serial)
        {
            throw Fail($"page belongs to bitstream 0x{serial:X8}, expected 0x{_serial:X8}");
        }

        if (sequence != (uint)PageIndex)
        {
            throw Fail($"page sequence number {sequence}, expected {PageIndex}: a page is missing or out of order");
        }
    }
}
