using System.Buffers.Binary;

namespace Broadcast.Audio.Tests.Ogg;

/// <summary>
/// An independent, deliberately naive reading of RFC 3533 for checking what the code under test writes:
/// a bit-by-bit CRC and a page splitter that shares no code with Broadcast.Audio.Ogg.
/// </summary>
internal static class ReferenceOgg
{
    public sealed record Page(long Offset, int Length, byte Flags, long Granule, uint Serial, uint Sequence, uint StoredCrc, byte[] Lacing, byte[] Body, bool CrcValid)
    {
        public bool Continued => (Flags & 1) != 0;

        public bool Bos => (Flags & 2) != 0;

        public bool Eos => (Flags & 4) != 0;
    }

    /// <summary>CRC-32, polynomial 0x04C11DB7, MSB first, init 0, no final XOR, one bit at a time.</summary>
    public static uint BitwiseCrc(ReadOnlySpan<byte> data)
    {
        uint crc = 0;
        foreach (var b in data)
        {
            for (var bit = 7; bit >= 0; bit--)
            {
                var inBit = (uint)(b >> bit) & 1;
                var top = crc >> 31;
                crc <<= 1;
                if ((top ^ inBit) != 0)
                {
                    crc ^= 0x04C11DB7;
                }
            }
        }

        return crc;
    }

    public static List<Page> ParsePages(byte[] file)
    {
        var pages = new List<Page>();
        var pos = 0;
        while (pos < file.Length)
        {
            Assert.True(file.Length - pos >= 27, $"trailing {file.Length - pos} bytes are not a page");
            Assert.Equal((byte)'O', file[pos]);
            Assert.Equal((byte)'g', file[pos + 1]);
            Assert.Equal((byte)'g', file[pos + 2]);
            Assert.Equal((byte)'S', file[pos + 3]);
            Assert.Equal(0, file[pos + 4]);
            int segments = file[pos + 26];
            var lacing = file.AsSpan(pos + 27, segments).ToArray();
            var bodyLength = 0;
            foreach (var l in lacing)
            {
                bodyLength += l;
            }

            var length = 27 + segments + bodyLength;
            var raw = file.AsSpan(pos, length).ToArray();
            var stored = BinaryPrimitives.ReadUInt32LittleEndian(raw.AsSpan(22));
            raw[22] = raw[23] = raw[24] = raw[25] = 0;
            pages.Add(new Page(
                pos,
                length,
                file[pos + 5],
                BinaryPrimitives.ReadInt64LittleEndian(file.AsSpan(pos + 6)),
                BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(pos + 14)),
                BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(pos + 18)),
                stored,
                lacing,
                file.AsSpan(pos + 27 + segments, bodyLength).ToArray(),
                BitwiseCrc(raw) == stored));
            pos += length;
        }

        return pages;
    }

    /// <summary>Packets that complete on each page (lacing value below 255 ends a packet).</summary>
    public static int CompletedPackets(Page page)
    {
        var n = 0;
        foreach (var l in page.Lacing)
        {
            if (l < 255)
            {
                n++;
            }
        }

        return n;
    }
}
