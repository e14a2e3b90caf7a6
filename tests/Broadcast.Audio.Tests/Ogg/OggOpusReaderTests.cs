using Broadcast.Audio.Ogg;
using Broadcast.Tests.Common;

namespace Broadcast.Audio.Tests.Ogg;

public sealed class OggOpusReaderTests
{
    private static readonly Lazy<OggTestFiles.Written> Sample = new(() =>
    {
        var tags = new OpusTags("Broadcast test vendor") { Title = "Round trip" };
        tags.Add("ZONE", "Khu A");
        return OggTestFiles.Encode(Signals.SpeechLikeNoise(1.5), tags);
    });

    [Fact]
    public void Read_WrittenFile_ReturnsSamePacketsHeadAndTags()
    {
        var file = Sample.Value;
        using var input = new MemoryStream(file.Bytes);

        var reader = new OggOpusReader(input);
        var packets = new List<byte[]>();
        while (reader.TryReadPacket(out var packet))
        {
            packets.Add(packet.ToArray());
        }

        Assert.Equal(file.Head, reader.Head);
        Assert.Equal("Broadcast test vendor", reader.Tags.Vendor);
        Assert.Equal(["TITLE=Round trip", "ZONE=Khu A"], reader.Tags.Comments);
        Assert.Equal(file.Packets.Count, packets.Count);
        for (var i = 0; i < packets.Count; i++)
        {
            Assert.Equal(file.Packets[i], packets[i]);
        }

        Assert.Equal(file.PreSkip + (long)(1.5 * 48000), reader.PageGranulePosition);
        Assert.Equal((long)(1.5 * 48000), reader.GetDurationSamples());
    }

    [Fact]
    public void Read_ByteFlippedInAudioPage_ThrowsOggFormatExceptionNamingCrcAndPage()
    {
        var bytes = (byte[])Sample.Value.Bytes.Clone();
        var page = ReferenceOgg.ParsePages(bytes)[3];
        bytes[page.Offset + page.Length - 10] ^= 0x40;

        var e = Assert.Throws<OggFormatException>(() => OggTestFiles.ReadAll(bytes));
        Assert.Contains("CRC", e.Message, StringComparison.Ordinal);
        Assert.Contains("page 3", e.Message, StringComparison.Ordinal);
        Assert.Equal(3, e.PageIndex);
        Assert.Equal(page.Offset, e.ByteOffset);
    }

    [Fact]
    public void Read_AnySingleByteFlipped_ThrowsOggFormatException()
    {
        var original = Sample.Value.Bytes;
        var rng = new Random(11);
        for (var i = 0; i < 200; i++)
        {
            var bytes = (byte[])original.Clone();
            bytes[rng.Next(bytes.Length)] ^= (byte)rng.Next(1, 256);

            Assert.Throws<OggFormatException>(() => OggTestFiles.ReadAll(bytes));
        }
    }

    [Theory]
    [InlineData(100)]
    [InlineData(5000)]
    [InlineData(20)]
    public void Read_TruncatedFile_ThrowsOggFormatException(int bytesCut)
    {
        var original = Sample.Value.Bytes;
        var bytes = original[..(original.Length - bytesCut)];

        var e = Assert.Throws<OggFormatException>(() => OggTestFiles.ReadAll(bytes));
        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_LastPageRemoved_ThrowsOggFormatExceptionAboutMissingEos()
    {
        var original = Sample.Value.Bytes;
        var last = ReferenceOgg.ParsePages(original)[^1];
        var bytes = original[..(int)last.Offset];

        var e = Assert.Throws<OggFormatException>(() => OggTestFiles.ReadAll(bytes));
        Assert.Contains("end-of-stream", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MiddlePageRemoved_ThrowsOggFormatExceptionAboutSequence()
    {
        var original = Sample.Value.Bytes;
        var page = ReferenceOgg.ParsePages(original)[2];
        var bytes = original[..(int)page.Offset].Concat(original[(int)(page.Offset + page.Length)..]).ToArray();

        var e = Assert.Throws<OggFormatException>(() => OggTestFiles.ReadAll(bytes));
        Assert.Contains("sequence", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RandomBytes_ThrowsOggFormatException()
    {
        var rng = new Random(1);
        for (var i = 0; i < 50; i++)
        {
            var bytes = new byte[rng.Next(0, 5000)];
            rng.NextBytes(bytes);

            Assert.Throws<OggFormatException>(() => OggTestFiles.ReadAll(bytes));
        }
    }

    [Fact]
    public void Read_NotOpus_ThrowsOggFormatExceptionAboutOpusHead()
    {
        using var stream = new MemoryStream();
        using (var writer = new OggOpusWriter(stream, new OggOpusHeader(), new OpusTags()))
        {
            writer.WritePacket([0xF8, 0x00], 960);
        }

        var bytes = stream.ToArray();

        // Rewrite "OpusHead" to "OpusHeaX" and fix the page CRC, so only the header content is wrong.
        bytes[27 + 1 + 7] = (byte)'X';
        bytes.AsSpan(22, 4).Clear();
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(22), ReferenceOgg.BitwiseCrc(bytes.AsSpan(0, 27 + 1 + 19)));

        var e = Assert.Throws<OggFormatException>(() => OggTestFiles.ReadAll(bytes));
        Assert.Contains("OpusHead", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetDurationSamples_UnseekableStream_ThrowsNotSupported()
    {
        using var inner = new MemoryStream(Sample.Value.Bytes);
        using var stream = new BufferedStream(new ForwardOnlyStream(inner));
        var reader = new OggOpusReader(stream);

        Assert.Throws<NotSupportedException>(() => reader.GetDurationSamples());
    }

    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
