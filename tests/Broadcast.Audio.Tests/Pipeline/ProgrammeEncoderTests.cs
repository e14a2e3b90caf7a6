using Broadcast.Audio.Codec;
using Broadcast.Audio.Ingest;
using Broadcast.Audio.Pipeline;
using Broadcast.Tests.Common;

namespace Broadcast.Audio.Tests.Pipeline;

public sealed class ProgrammeEncoderTests
{
    private static readonly ProgrammeEncoderOptions Fast = new() { Opus = new OpusEncoderSettings { Complexity = 5 } };

    [Fact]
    public async Task EncodeAsync_QuietTone_ReachesTargetLoudnessByFfmpegMeasure()
    {
        using var dir = new TempDirectory();
        var src = dir.File("quiet.wav");
        Signals.WriteWav16(src, Signals.Sine(440, -32, 10));
        var dst = dir.File("out.opus");

        var result = await new ProgrammeEncoder().EncodeAsync(src, dst, Fast);

        var measured = FfmpegReference.Measure(dst);
        Assert.InRange(measured.IntegratedLufs, -16.5, -15.5);
        Assert.InRange(result.GainDb, 18, 20);
        Assert.False(result.PeakLimited);
        Assert.False(result.Silent);
        Assert.Equal(dst, result.OutputPath);
    }

    [Fact]
    public async Task EncodeAsync_QuietPeakySpeech_LimiterReachesTargetUnderCeiling()
    {
        using var dir = new TempDirectory();
        var src = dir.File("quiet.wav");
        Signals.WriteWav16(src, Signals.SpeechLikeNoise(20, peakDbfs: -20));
        var dst = dir.File("out.opus");

        var result = await new ProgrammeEncoder().EncodeAsync(src, dst, Fast);

        // This noise has a 17 dB crest factor: at -16 LUFS its peaks would reach +1 dBTP, so the limiter takes them down.
        var source = FfmpegReference.Measure(src);
        Assert.InRange(result.SourceLufs, source.IntegratedLufs - 0.3, source.IntegratedLufs + 0.3);
        Assert.True(result.Limited);
        Assert.False(result.PeakLimited);
        Assert.InRange(result.GainDb, -16 - source.IntegratedLufs - 0.3, -16 - source.IntegratedLufs + 0.3);
        Assert.InRange(result.OutputLufs, -16.5, -15.7);
        Assert.True(result.OutputTruePeakDbtp <= -1.0, $"true peak before the codec {result.OutputTruePeakDbtp}");
        // Opus at 32 kb/s drops the noise's energy above its coded bandwidth, which K-weighting counts: allow 2 LU.
        var measured = FfmpegReference.Measure(dst);
        Assert.InRange(measured.IntegratedLufs, result.OutputLufs - 2, result.OutputLufs + 0.3);
    }

    [Fact]
    public async Task EncodeAsync_Sine_DurationAndWaveformPreserved()
    {
        using var dir = new TempDirectory();
        var src = dir.File("tone.wav");
        var tone = Signals.Sine(440, -20, 3.01);
        Signals.WriteWav16(src, tone);
        var dst = dir.File("tone.opus");

        var result = await new ProgrammeEncoder().EncodeAsync(src, dst, Fast);

        Assert.InRange(FfmpegDecode.ProbeDuration(dst), 3.01 - 0.02, 3.01 + 0.02);
        Assert.Equal(tone.Length / 48000.0, result.DurationSeconds, 3);
        var decoded = FfmpegDecode.ToMonoFloats(dst);
        Assert.InRange(decoded.Length, tone.Length - 960, tone.Length + 960);
        Assert.True(Signals.BestCorrelation(tone.AsSpan(4800, 48000), decoded.AsSpan(4800, 48000), 64) > 0.95);
    }

    [Fact]
    public async Task EncodeAsync_ParallelSegments_BoundaryIsSeamless()
    {
        using var dir = new TempDirectory();
        var src = dir.File("long.wav");
        var speech = Signals.SpeechLikeNoise(64, peakDbfs: -6, seed: 3);
        Signals.WriteWav16(src, speech);
        var serial = dir.File("serial.opus");
        var parallel = dir.File("parallel.opus");

        await new ProgrammeEncoder().EncodeAsync(src, serial, new ProgrammeEncoderOptions { Opus = Fast.Opus, Parallelism = 1 });
        await new ProgrammeEncoder().EncodeAsync(src, parallel, new ProgrammeEncoderOptions { Opus = Fast.Opus, Parallelism = 2 });

        var a = FfmpegDecode.ToMonoFloats(serial);
        var b = FfmpegDecode.ToMonoFloats(parallel);
        Assert.Equal(a.Length, b.Length);

        // 64 s in two segments: the boundary is at frame 1600 = 32.0 s. Around it the parallel stream must
        // follow the source as well as the serial one does, and show no click (no sample step larger than the source's).
        var boundary = 32 * 48000;
        var window = 4800;
        var source = speech.AsSpan(boundary - window, 2 * window);
        var serialCorr = Signals.BestCorrelation(source, a.AsSpan(boundary - window, 2 * window), 400);
        var parallelCorr = Signals.BestCorrelation(source, b.AsSpan(boundary - window, 2 * window), 400);
        Assert.True(parallelCorr > serialCorr - 0.05, $"boundary correlation {parallelCorr:0.000} vs serial {serialCorr:0.000}");
        Assert.True(MaxStep(b.AsSpan(boundary - 960, 1920)) <= 1.5 * MaxStep(a.AsSpan(boundary - 960, 1920)) + 0.01);
    }

    [Fact]
    public async Task EncodeAsync_OverMemoryBudget_DecodesTwiceWithSameResult()
    {
        using var dir = new TempDirectory();
        var src = dir.File("speech.wav");
        Signals.WriteWav16(src, Signals.SpeechLikeNoise(10, peakDbfs: -12));
        var inMemory = await new ProgrammeEncoder().EncodeAsync(src, dir.File("a.opus"), Fast);
        var streamed = await new ProgrammeEncoder().EncodeAsync(src, dir.File("b.opus"), new ProgrammeEncoderOptions { Opus = Fast.Opus, MemoryBudgetBytes = 48000 * 4 });

        Assert.False(inMemory.DecodedTwice);
        Assert.True(streamed.DecodedTwice);
        Assert.Equal(inMemory.DurationSeconds, streamed.DurationSeconds);
        // The in-memory path can afford trial passes that win back what the limiter takes; the streaming path cannot.
        Assert.InRange(streamed.GainDb, inMemory.GainDb - 1, inMemory.GainDb);
        Assert.InRange(inMemory.OutputLufs, -16.3, -15.7);
        Assert.InRange(streamed.OutputLufs, -17.3, -15.7);
        Assert.Equal(FfmpegDecode.ToMonoFloats(dir.File("a.opus")).Length, FfmpegDecode.ToMonoFloats(dir.File("b.opus")).Length);
    }

    [Fact]
    public async Task EncodeAsync_Silence_KeptAtLevelAndFlagged()
    {
        using var dir = new TempDirectory();
        var src = dir.File("silence.wav");
        Signals.WriteWav16(src, new float[48000 * 2]);
        var dst = dir.File("silence.opus");

        var result = await new ProgrammeEncoder().EncodeAsync(src, dst, Fast);

        Assert.True(result.Silent);
        Assert.Equal(0, result.GainDb);
        Assert.True(File.Exists(dst));
        Assert.Contains("silent", ExternalTool.Run("ffprobe", "-v", "error", "-show_entries", "stream_tags:format_tags", dst).StdOut, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task EncodeAsync_PeakyQuietSource_GainCappedByTruePeak()
    {
        using var dir = new TempDirectory();
        var src = dir.File("clicks.wav");
        var x = Signals.SpeechLikeNoise(10, peakDbfs: -30);
        for (var i = 24000; i < x.Length; i += 48000)
        {
            x[i] = 0.9f; // isolated clicks near full scale leave no headroom for the +14 dB the speech needs
        }

        Signals.WriteWav16(src, x);
        var result = await new ProgrammeEncoder().EncodeAsync(src, dir.File("out.opus"), Fast);

        // Clicks 30 dB above the speech would need more than the limiter's 9 dB: the gain is capped instead.
        Assert.True(result.PeakLimited);
        Assert.True(result.OutputTruePeakDbtp <= -1 + 0.05, $"true peak before the codec {result.OutputTruePeakDbtp}");
        Assert.True(result.OutputLufs < -16.5, $"loudness before the codec {result.OutputLufs}");
    }

    [Fact]
    public async Task EncodeAsync_MissingOutputDirectory_TypedErrorAndNoFiles()
    {
        using var dir = new TempDirectory();
        var src = dir.File("tone.wav");
        Signals.WriteWav16(src, Signals.Sine(440, -20, 1));

        var ex = await Assert.ThrowsAsync<AudioOutputException>(() => new ProgrammeEncoder().EncodeAsync(src, dir.File("nope/out.opus"), Fast));
        Assert.Contains("does not exist", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EncodeAsync_CorruptInput_NoOutputAndNoPartialFileLeft()
    {
        using var dir = new TempDirectory();
        var src = dir.File("garbage.mp3");
        RandomFiles.WriteRandom(src, 20_000);
        var dst = dir.File("out.opus");

        var ex = await Assert.ThrowsAsync<AudioIngestException>(() => new ProgrammeEncoder().EncodeAsync(src, dst, Fast));

        Assert.Contains("garbage.mp3", ex.Message, StringComparison.Ordinal);
        Assert.Equal(new[] { "garbage.mp3" }, Directory.GetFiles(dir.Path).Select(Path.GetFileName).ToArray());
    }

    [Fact]
    public async Task EncodeAsync_ExistingOutput_ReplacedOnlyOnSuccess()
    {
        using var dir = new TempDirectory();
        var dst = dir.File("out.opus");
        File.WriteAllText(dst, "previous programme");
        var bad = dir.File("empty.wav");
        File.WriteAllBytes(bad, []);

        await Assert.ThrowsAsync<AudioIngestException>(() => new ProgrammeEncoder().EncodeAsync(bad, dst, Fast));

        Assert.Equal("previous programme", File.ReadAllText(dst));
    }

    [Fact]
    public async Task EncodeAsync_ReportsProgressThroughBothPhasesToDone()
    {
        using var dir = new TempDirectory();
        var src = dir.File("speech.wav");
        Signals.WriteWav16(src, Signals.SpeechLikeNoise(5));
        var seen = new List<EncodeProgress>();
        var progress = new SynchronousProgress(seen.Add);

        await new ProgrammeEncoder().EncodeAsync(src, dir.File("out.opus"), Fast, progress);

        Assert.Contains(seen, p => p.Phase == EncodePhase.Measuring);
        Assert.Equal(EncodePhase.Done, seen[^1].Phase);
        Assert.Equal(1.0, seen[^1].Fraction);
        Assert.True(seen.Where(p => p.Fraction is not null).Select(p => p.Fraction!.Value).SequenceEqual(seen.Where(p => p.Fraction is not null).Select(p => p.Fraction!.Value).Order()), "progress must never go backwards");
    }

    private static float MaxStep(ReadOnlySpan<float> x)
    {
        var max = 0f;
        for (var i = 1; i < x.Length; i++)
        {
            max = Math.Max(max, Math.Abs(x[i] - x[i - 1]));
        }

        return max;
    }

    private sealed class SynchronousProgress(Action<EncodeProgress> report) : IProgress<EncodeProgress>
    {
        public void Report(EncodeProgress value) => report(value);
    }
}
