using Broadcast.Tests.Common;
using static Broadcast.Audio.Tests.Ingest.IngestTestFiles;

namespace Broadcast.Audio.Tests.Ingest;

public sealed class FfmpegPcmReaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("tone.mp3", "libmp3lame", "mp3", "mp3")]
    [InlineData("tone.m4a", "aac", "aac", "mp4")]
    public async Task ReadAsync_CompressedSine_DecodesTo48kHzMonoWithDurationAndShape(string name, string encoder, string codec, string container)
    {
        var path = _dir.File(name);
        Ffmpeg("-f", "lavfi", "-i", "sine=frequency=440:duration=3", "-ac", "2", "-c:a", encoder, path);

        var (samples, channels, source) = await ReadAllAsync(path);

        Assert.Equal(1, channels);
        Assert.Equal(codec, source.Codec);
        Assert.Contains(container, source.Container, StringComparison.Ordinal);
        Assert.Equal(44100, source.SampleRate);
        Assert.Equal(2, source.Channels);
        Assert.Equal(3.0, source.DurationSeconds!.Value, 0.1);
        Assert.True(source.BitRate > 0);
        Assert.Equal(3.0, samples.Length / 48000.0, 0.05);

        // lavfi's sine is 1/8 of full scale; compare the shape after the encoder's start-up, allowing a lag of a period.
        var reference = Signals.Sine(440, -18.06, 3, 48000);
        var corr = Signals.BestCorrelation(samples.AsSpan(4800, 48000), reference.AsSpan(4800, 48000), 110);
        Assert.True(corr >= 0.9, $"correlation {corr:F3}");
    }

    [Fact]
    public async Task ReadAsync_StereoMp3MonoFalse_KeepsTwoChannels()
    {
        var path = _dir.File("stereo.mp3");
        Ffmpeg("-f", "lavfi", "-i", "sine=frequency=440:duration=1", "-ac", "2", "-c:a", "libmp3lame", path);

        var (samples, channels, _) = await ReadAllAsync(path, mono: false);

        Assert.Equal(2, channels);
        Assert.Equal(1.0, samples.Length / 2 / 48000.0, 0.05);
    }
}
