using System.Buffers.Binary;

namespace Broadcast.Audio.Ogg;

/// <summary>
/// Packs packets of one logical bitstream into Ogg pages (RFC 3533): lacing in 255-byte segments, packets continued
/// across pages when the 255-entry segment table fills, BOS on the first page, sequence numbers, CRC. The caller
/// decides when a page ends (<see cref="FlushPage"/>); buffers are preallocated so adding a packet allocates nothing.
/// </summary>
internal sealed class OggPageWriter
{
    private readonly Stream _output;
    private readonly byte[] _page = new byte[OggPage.MaxPageBytes];
    private readonly byte[] _body = new byte[OggPage.MaxBodyBytes];
    private readonly byte[] _segments = new byte[OggPage.MaxSegments];
    private int _segmentCount;
    private int _bodyLength;
    private long _granule = -1;
    private bool _continued;
    private bool _first = true;

    public OggPageWriter(Stream output, uint serial)
    {
        _output = output;
        Serial = serial;
    }

    public uint Serial { get; }

    /// <summary>Sequence number the next page will carry (= pages written so far).</summary>
    public uint NextSequence { get; private set; }

    /// <summary>Body bytes waiting on the unfinished page.</summary>
    public int PendingBodyBytes => _bodyLength;

    /// <summary>Whether a packet completes on the unfinished page (it has segments to write).</summary>
    public bool HasPendingSegments => _segmentCount > 0;

    /// <summary>Appends a packet; <paramref name="granule"/> becomes the page's granule if the packet ends on it.</summary>
    public void AddPacket(ReadOnlySpan<byte> packet, long granule)
    {
        var offset = 0;
        while (true)
        {
            if (_segmentCount == OggPage.MaxSegments)
            {
                // Segment table full: end this page; if the packet is part-written the next page continues it.
                EmitPage(endOfStream: false);
                _continued = offset > 0;
            }

            var chunk = Math.Min(OggPage.MaxSegmentBytes, packet.Length - offset);
            packet.Slice(offset, chunk).CopyTo(_body.AsSpan(_bodyLength));
            _bodyLength += chunk;
            _segments[_segmentCount++] = (byte)chunk;
            offset += chunk;
            if (chunk < OggPage.MaxSegmentBytes)
            {
                // A lacing value below 255 (0 for an exact multiple of 255) terminates the packet.
                _granule = granule;
                return;
            }
        }
    }

    /// <summary>
    /// Ends the current page. <paramref name="granuleOverride"/> replaces the granule of the last completed packet
    /// (used for the end-trimmed final page, RFC 7845 §4.4).
    /// </summary>
    public void FlushPage(bool endOfStream, long? granuleOverride = null)
    {
        if (granuleOverride is { } g)
        {
            _granule = g;
        }

        if (_segmentCount == 0 && !endOfStream)
        {
            return;
        }

        EmitPage(endOfStream);
    }

    private void EmitPage(bool endOfStream)
    {
        var flags = OggPageFlags.None;
        if (_continued)
        {
            flags |= OggPageFlags.Continued;
        }

        if (_first)
        {
            flags |= OggPageFlags.BeginOfStream;
        }

        if (endOfStream)
        {
            flags |= OggPageFlags.EndOfStream;
        }

        // -1: no packet finishes on this page (RFC 3533 §6, granule_position).
        var page = _page.AsSpan();
        OggPage.WriteHeader(page, flags, _granule, Serial, NextSequence, _segmentCount);
        _segments.AsSpan(0, _segmentCount).CopyTo(page[OggPage.HeaderBytes..]);
        var length = OggPage.HeaderBytes + _segmentCount;
        _body.AsSpan(0, _bodyLength).CopyTo(page[length..]);
        length += _bodyLength;
        BinaryPrimitives.WriteUInt32LittleEndian(page[OggPage.CrcOffset..], OggCrc.Compute(page[..length]));
        _output.Write(page[..length]);

        NextSequence++;
        _first = false;
        _continued = false;
        _segmentCount = 0;
        _bodyLength = 0;
        _granule = -1;
    }
}
