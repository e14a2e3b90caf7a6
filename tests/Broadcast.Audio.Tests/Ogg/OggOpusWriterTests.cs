using System.Buffers.Binary;
using Broadcast.Audio.Codec;
using Broadcast.Audio.Ogg;
using Broadcast.Tests.Common;

namespace Broadcast.Audio.Tests.Ogg;

public sealed class OggOpusWriterTests
{
    [Fact]
    public void Write_ThreeSeconds_PageStructureFollowsRfc7845()
    {
        var pcm = Signals.SpeechLikeNoise(3.0);
        var file = OggTestFiles.Encode(pcm, new OpusTags { Title = "Test" });

        var pages = ReferenceOgg.ParsePages(file.Bytes);

        Assert.All(pages, p => Assert.True(p.CrcValid, $"page {p.Sequence} CRC"));
        Assert.All(pages, p => Assert.Equal(0x1234ABCDu, p.Serial));
        for (var i = 0; i < pages.Count; i++)
        {
            Assert.Equal((uint)i, pages[i].Sequence);
        }

        // Page 0: BOS, exactly the 19-byte OpusHead, granule 0.
        Assert.True(pages[0].Bos);
        Assert.Equal([19], pages[0].Lacing);
        Assert.Equal("OpusHead"u8.ToArray(), pages[0].Body[..8]);
        Assert.Equal(file.PreSkip, BinaryPrimitives.ReadUInt16LittleEndian(pages[0].Body.AsSpan(10)));
        Assert.Equal(0, pages[0].Granule);

        // Page 1: only OpusTags.
        Assert.False(pages[1].Bos);
        Assert.Equal(1, ReferenceOgg.CompletedPackets(pages[1]));
        Assert.Equal("OpusTags"u8.ToArray(), pages[1].Body[..8]);
        Assert.Equal(0, pages[1].Granule);

        Assert.All(pages.Skip(1), p => Assert.False(p.Bos));
        Assert.All(pages.SkipLast(1), p => Assert.False(p.Eos));
        Assert.True(pages[^1].Eos);

        var granules = pages.Skip(2).Select(p => p.Granule).ToList();
        Assert.Equal(granules.Order(), granules);
        Assert.Equal(file.PreSkip + pcm.Length, pages[^1].Granule);

        // Pages of about one second / 4 KB, so that players can seek and listeners can join.
        Assert.True(pages.Count >= 5, $"3 s of audio in only {pages.Count} pages");
        Assert.All(pages, p => Assert.True(p.Body.Length <= OggOpusWriter.PageFlushBytes, $"page {p.Sequence} body {p.Body.Length} bytes"));
        Assert.All(pages.Skip(3), p => Assert.True(
            p.Granule - pages[(int)p.Sequence - 1].Granule <= OggOpusWriter.PageFlushSamples + 960 || p.Eos,
            $"page {p.Sequence} holds more than a second"));
    }

    [Fact]
    public void WritePacket_PageGranule_CountsDecodedSamplesUpToLastPacket()
    {
        using var output = new MemoryStream();
        using (var writer = new OggOpusWriter(output, new OggOpusHeader { PreSkip = 312 }, new OpusTags(), serial: 1))
        {
            // 60 packets of 20 ms: a page closes once it holds a second (50 packets).
            for (var i = 0; i < 60; i++)
            {
                writer.WritePacket([0xF8, 0xFF, 0xFE], 960);
            }

            writer.Finish(60 * 960 - 312);
        }

        var pages = ReferenceOgg.ParsePages(output.ToArray());

        Assert.Equal(4, pages.Count);
        Assert.Equal(50, ReferenceOgg.CompletedPackets(pages[2]));
        Assert.Equal(50 * 960, pages[2].Granule);
        Assert.Equal(60 * 960, pages[3].Granule);
    }

    [Fact]
    public void WritePacket_LargerThanOnePage_ContinuesOnNextPageAndReadsBack()
    {
        var big = new byte[70000];
        new Random(3).NextBytes(big);
        var exact255 = new byte[255];
        var exact510 = new byte[510];
        exact255.AsSpan().Fill(7);
        exact510.AsSpan().Fill(9);
        using var output = new MemoryStream();
        using (var writer = new OggOpusWriter(output, new OggOpusHeader(), new OpusTags(), serial: 2))
        {
            writer.WritePacket(exact255, 960);
            writer.WritePacket(big, 960);
            writer.WritePacket(exact510, 960);
            writer.Finish(3 * 960);
        }

        var pages = ReferenceOgg.ParsePages(output.ToArray());
        Assert.Contains(pages, p => p.Continued);
        Assert.Contains(pages, p => p.Granule == -1);
        Assert.All(pages, p => Assert.True(p.CrcValid));

        var packets = OggTestFiles.ReadAll(output.ToArray());
        Assert.Equal(3, packets.Count);
        Assert.Equal(exact255, packets[0]);
        Assert.Equal(big, packets[1]);
        Assert.Equal(exact510, packets[2]);
    }

    [Fact]
    public void Finish_MoreSamplesThanWritten_ThrowsArgumentOutOfRange()
    {
        using var output = new MemoryStream();
        using var writer = new OggOpusWriter(output, new OggOpusHeader { PreSkip = 312 }, new OpusTags());
        writer.WritePacket([0xF8, 0x00], 960);

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => writer.Finish(960));
        Assert.Equal("originalSampleCount", e.ParamName);
    }

    [Fact]
    public void WritePacket_AfterFinish_ThrowsObjectDisposed()
    {
        using var output = new MemoryStream();
        using var writer = new OggOpusWriter(output, new OggOpusHeader(), new OpusTags());
        writer.WritePacket([0xF8, 0x00], 960);
        writer.Finish(960);

        Assert.Throws<ObjectDisposedException>(() => writer.WritePacket([0xF8, 0x00], 960));
    }

    [Fact]
    public void Dispose_WithoutFinish_WritesEosPageWithUntrimmedGranule()
    {
        using var output = new MemoryStream();
        using (var writer = new OggOpusWriter(output, new OggOpusHeader { PreSkip = 312 }, new OpusTags(), serial: 5))
        {
            writer.WritePacket([0xF8, 0x00], 960);
            writer.WritePacket([0xF8, 0x00], 960);
        }

        var pages = ReferenceOgg.ParsePages(output.ToArray());
        Assert.True(pages[^1].Eos);
        Assert.Equal(1920, pages[^1].Granule);
    }

    [Fact]
    public void OggOpusFile_EncodeDecode_ReturnsExactLengthAndSimilarSignal()
    {
        var pcm = Signals.Sine(1000, -12, 1.234);
        using var stream = new MemoryStream();
        OggOpusFile.Encode(stream, pcm, new OpusEncoderSettings(), new OpusTags { Title = "Tone" });
        stream.Position = 0;

        var decoded = OggOpusFile.Decode(stream, out var head, out var tags);

        Assert.Equal(pcm.Length, decoded.Length);
        Assert.Equal("Tone", tags.Title);
        Assert.Equal(312, head.PreSkip);
        Assert.True(Signals.BestCorrelation(pcm, decoded, 8) > 0.9);
    }
}
