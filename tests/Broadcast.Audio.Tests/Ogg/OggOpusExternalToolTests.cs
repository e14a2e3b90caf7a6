using System.Buffers.Binary;
using System.Globalization;
using Broadcast.Audio.Codec;
using Broadcast.Audio.Ogg;
using Broadcast.Tests.Common;

namespace Broadcast.Audio.Tests.Ogg;

/// <summary>Files from OggOpusWriter must satisfy the reference tools (opus-tools, ffmpeg) as well as our own reader.</summary>
public sealed class OggOpusExternalToolTests : IDisposable
{
    private const int Samples = 3 * 48000;
    private readonly TempDirectory _dir = new();
    private readonly string _path;

    public OggOpusExternalToolTests()
    {
        var tags = new OpusTags { Title = "Thông báo khẩn cấp" };
        tags.Add("ARTIST", "Broadcast tests");
        _path = _dir.File("speech.opus");
        File.WriteAllBytes(_path, OggTestFiles.Encode(Signals.SpeechLikeNoise(3.0), tags).Bytes);
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Opusinfo_WrittenFile_ReportsNoWarnings()
    {
        var r = ExternalTool.Run("opusinfo", _path);

        Assert.Equal(0, r.ExitCode);
        var output = r.StdOut + r.StdErr;
        Assert.DoesNotContain("WARNING", output, StringComparison.Ordinal);
        Assert.DoesNotContain("ERROR", output, StringComparison.Ordinal);
        Assert.Contains("Playback length: 0m:03.000s", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Ffprobe_WrittenFile_ReportsThreeSeconds()
    {
        var r = ExternalTool.Run("ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", _path);

        Assert.Equal(0, r.ExitCode);
        var duration = double.Parse(r.StdOut.Trim(), CultureInfo.InvariantCulture);
        Assert.InRange(duration, 3.0 - 0.02, 3.0 + 0.02);
    }

    [Fact]
    public void Ffprobe_WrittenFile_ShowsUtf8Title()
    {
        // ffmpeg files Ogg comment headers under the stream, not the format (same for files made by opusenc).
        var r = ExternalTool.Run("ffprobe", "-v", "error", "-show_entries", "stream_tags=title", "-of", "csv=p=0", _path);

        Assert.Equal(0, r.ExitCode);
        Assert.Equal("Thông báo khẩn cấp", r.StdOut.Trim());
    }

    [Fact]
    public void Opusdec_WrittenFile_DecodesToExactSampleCount()
    {
        var wav = _dir.File("out.wav");

        var r = ExternalTool.Run("opusdec", "--quiet", _path, wav);

        Assert.Equal(0, r.ExitCode);
        var (rate, channels, samples) = ReadWavInfo(File.ReadAllBytes(wav));
        Assert.Equal(48000, rate);
        Assert.Equal(1, channels);
        Assert.InRange(samples, Samples - 960, Samples + 960);
    }

    [Fact]
    public void Reader_OpusencFile_ReadsHeadersPacketsAndDuration()
    {
        var wav = _dir.File("in.wav");
        var opus = _dir.File("ref.opus");
        Signals.WriteWav16(wav, Signals.Sine(440, -10, 2.0));
        Assert.Equal(0, ExternalTool.Run("opusenc", "--quiet", "--title", "Ref", wav, opus).ExitCode);

        using var input = File.OpenRead(opus);
        var reader = new OggOpusReader(input);
        var packets = 0;
        var samples = 0L;
        while (reader.TryReadPacket(out var packet))
        {
            packets++;
            samples += OpusDecoder.GetPacketSamples(packet.Span);
        }

        Assert.Equal("Ref", reader.Tags.Title);
        Assert.Equal(1, reader.Head.ChannelCount);
        Assert.True(packets >= 100);
        Assert.Equal(2 * 48000, reader.GetDurationSamples());
        Assert.True(samples >= (2 * 48000) + reader.Head.PreSkip);
    }

    /// <summary>Minimal RIFF walk: fmt for rate/channels, data size (clamped to the file) for the sample count.</summary>
    private static (int Rate, int Channels, long Samples) ReadWavInfo(byte[] wav)
    {
        Assert.Equal("RIFF"u8.ToArray(), wav[..4]);
        Assert.Equal("WAVE"u8.ToArray(), wav[8..12]);
        int rate = 0, channels = 0, bits = 0;
        var pos = 12;
        while (pos + 8 <= wav.Length)
        {
            var id = wav.AsSpan(pos, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(wav.AsSpan(pos + 4));
            if (id.SequenceEqual("fmt "u8))
            {
                channels = BinaryPrimitives.ReadUInt16LittleEndian(wav.AsSpan(pos + 10));
                rate = BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(pos + 12));
                bits = BinaryPrimitives.ReadUInt16LittleEndian(wav.AsSpan(pos + 22));
            }
            else if (id.SequenceEqual("data"u8))
            {
                var bytes = Math.Min(size, (uint)(wav.Length - pos - 8));
                return (rate, channels, bytes / (channels * bits / 8));
            }

            pos += 8 + (int)size + (int)(size & 1);
        }

        Assert.Fail("no data chunk");
        return default;
    }
}
