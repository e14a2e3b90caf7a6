using System.Diagnostics;
using System.Globalization;
using Broadcast.Audio.Ingest;
using Broadcast.Audio.Loudness;
using Broadcast.Tests.Common;
using Xunit.Abstractions;

namespace Broadcast.Audio.Tests.Loudness;

public sealed class LoudnessMeterTests(ITestOutputHelper output) : IDisposable
{
    private const double AgreementLu = 0.3;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>Decodes with our ingest and measures with our meter, the way the upload pipeline does.</summary>
    private static async Task<LoudnessMeter> MeasureAsync(string path, bool mono = true)
    {
        await using var reader = await AudioIngest.OpenAsync(path, new IngestOptions { Mono = mono });
        var meter = new LoudnessMeter(reader.Channels, reader.SampleRate);
        var buffer = new float[8192 * reader.Channels];
        int n;
        while ((n = await reader.ReadAsync(buffer)) > 0)
        {
            meter.Process(buffer.AsSpan(0, n));
        }

        return meter;
    }

    private async Task<LoudnessMeter> CompareWithFfmpegAsync(string path, string label, bool mono = true)
    {
        var reference = FfmpegReference.Measure(path);
        var ours = await MeasureAsync(path, mono);
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{label}: ours I={ours.IntegratedLufs:F2} LUFS TP={ours.TruePeakDbtp:F2} dBTP; ffmpeg I={reference.IntegratedLufs:F1} TP={reference.TruePeakDbtp:F1}; dI={ours.IntegratedLufs - reference.IntegratedLufs:F2} LU dTP={ours.TruePeakDbtp - reference.TruePeakDbtp:F2} dB"));
        Assert.Equal(reference.IntegratedLufs, ours.IntegratedLufs, AgreementLu);
        return ours;
    }

    [Fact]
    public async Task IntegratedLufs_1kHzSineAtMinus20Dbfs_MatchesFfmpegAndTheory()
    {
        var path = _dir.File("sine.wav");
        Signals.WriteWav16(path, Signals.Sine(1000, -20, 10));

        var ours = await CompareWithFfmpegAsync(path, "1 kHz -20 dBFS");

        // BS.1770-4: a 0 dBFS sine near 1 kHz in one channel reads -3.01 LKFS, so -20 dBFS reads -23.01.
        Assert.Equal(-23.01, ours.IntegratedLufs, 0.1);
        Assert.Equal(FfmpegReference.Measure(path).TruePeakDbtp, ours.TruePeakDbtp, 0.3);
        Assert.Equal(-20.0, ours.TruePeakDbtp, 0.1);
        Assert.Equal(-20.0, ours.SamplePeakDbfs, 0.1);
    }

    [Fact]
    public async Task IntegratedLufs_SpeechLikeNoise_MatchesFfmpeg()
    {
        var path = _dir.File("speech.wav");
        Signals.WriteWav16(path, Signals.SpeechLikeNoise(20));

        var ours = await CompareWithFfmpegAsync(path, "speech-like noise 20 s");

        Assert.Equal(FfmpegReference.Measure(path).TruePeakDbtp, ours.TruePeakDbtp, 0.3);
        Assert.True(ours.LoudnessRangeLu is > 0 and < 20, $"LRA {ours.LoudnessRangeLu}");
    }

    [Fact]
    public async Task IntegratedLufs_StereoWithDifferentChannels_MatchesFfmpeg()
    {
        var left = Signals.Sine(1000, -20, 10);
        var right = Signals.SpeechLikeNoise(10, seed: 3);
        var stereo = new float[left.Length * 2];
        for (var i = 0; i < left.Length; i++)
        {
            stereo[2 * i] = left[i];
            stereo[(2 * i) + 1] = right[i];
        }

        var path = _dir.File("stereo.wav");
        Signals.WriteWav16(path, stereo, channels: 2);

        var ours = await CompareWithFfmpegAsync(path, "stereo sine + noise", mono: false);

        Assert.Equal(2, ours.Channels);
    }

    [Fact]
    public async Task IntegratedLufs_44100HzFileResampledByWavReader_MatchesFfmpegAt44100()
    {
        var path = _dir.File("speech44.wav");
        Signals.WriteWav16(path, Signals.SpeechLikeNoise(10, sampleRate: 44100, seed: 5), 44100);

        var ours = await CompareWithFfmpegAsync(path, "speech-like noise at 44.1 kHz");

        Assert.Equal(AudioFormat.SampleRate, ours.SampleRate);
    }

    [Fact]
    public void IntegratedLufs_44100HzInputMeasuredDirectly_MatchesSameSignalAt48k()
    {
        // The bilinear-derived filters at 44.1 kHz must read the same loudness as the standard's 48 kHz table.
        var at44 = new LoudnessMeter(1, 44100);
        at44.Process(Signals.Sine(1000, -20, 5, 44100));
        var at48 = new LoudnessMeter(1);
        at48.Process(Signals.Sine(1000, -20, 5, 48000));

        Assert.Equal(at48.IntegratedLufs, at44.IntegratedLufs, 0.02);
    }

    [Fact]
    public void IntegratedLufs_Silence_NegativeInfinityAndNormalizerSaysSilent()
    {
        var meter = new LoudnessMeter(1);
        meter.Process(new float[48000 * 5]);

        Assert.Equal(double.NegativeInfinity, meter.IntegratedLufs);
        Assert.Equal(double.NegativeInfinity, meter.TruePeakDbtp);
        var plan = LoudnessNormalizer.Plan(meter);
        Assert.True(plan.Silent);
        Assert.Equal(0, plan.GainDb);
    }

    [Fact]
    public void IntegratedLufs_ShorterThanOneGatingBlock_NegativeInfinity()
    {
        var meter = new LoudnessMeter(1);
        meter.Process(Signals.Sine(1000, -20, 0.39));
        Assert.Equal(double.NegativeInfinity, meter.IntegratedLufs);
    }

    [Fact]
    public void IntegratedLufs_QuietPassageBelowRelativeGate_IsIgnored()
    {
        // 5 s at -20 dBFS then 5 s at -40 dBFS: the 47 quiet blocks are 20 LU down, below the -10 LU relative gate
        // (BS.1770-4 section 2.8). What remains is 47 loud blocks and the 3 that straddle the step (3/4, 2/4 and 1/4
        // loud): mean energy (47 + 0.7525 + 0.505 + 0.2575) / 50 = 0.9703 of the loud level, -0.13 dB, so -23.14.
        // Without the relative gate the 97 blocks would average to -25.98.
        var meter = new LoudnessMeter(1);
        meter.Process(Signals.Sine(1000, -20, 5));
        meter.Process(Signals.Sine(1000, -40, 5));
        Assert.Equal(-23.01 + (10 * Math.Log10(0.9703)), meter.IntegratedLufs, 0.02);
    }

    [Fact]
    public void IntegratedLufs_SixChannels_LfeExcludedAndSurroundsWeighted()
    {
        // Same sine in L only vs. Ls only: Ls carries weight 1.41 (+1.49 dB); in LFE it does not count at all.
        static double Measure(int channel)
        {
            var sine = Signals.Sine(1000, -20, 3);
            var x = new float[sine.Length * 6];
            for (var i = 0; i < sine.Length; i++)
            {
                x[(i * 6) + channel] = sine[i];
            }

            var meter = new LoudnessMeter(6);
            meter.Process(x);
            return meter.IntegratedLufs;
        }

        Assert.Equal(10 * Math.Log10(1.41), Measure(4) - Measure(0), 0.01);
        Assert.Equal(double.NegativeInfinity, Measure(3));
    }

    [Fact]
    public void Process_OddBlockSizes_SameResultAsOneBlock()
    {
        var stereo = Signals.SpeechLikeNoise(6, seed: 9);
        var whole = new LoudnessMeter(2);
        whole.Process(stereo);

        var pieces = new LoudnessMeter(2);
        int[] sizes = [1, 7, 4801];
        var frames = stereo.Length / 2;
        for (int offset = 0, k = 0; offset < frames; k++)
        {
            var n = Math.Min(sizes[k % sizes.Length], frames - offset);
            pieces.Process(stereo.AsSpan(offset * 2, n * 2));
            offset += n;
        }

        Assert.Equal(whole.IntegratedLufs, pieces.IntegratedLufs, 1e-9);
        Assert.Equal(whole.TruePeakDbtp, pieces.TruePeakDbtp, 1e-4);
        Assert.Equal(whole.SamplePeakDbfs, pieces.SamplePeakDbfs, 1e-9);
        Assert.Equal(whole.LoudnessRangeLu, pieces.LoudnessRangeLu, 1e-9);
        Assert.Equal(whole.Frames, pieces.Frames);
    }

    [Fact]
    public void TruePeakDbtp_QuarterRateSineBetweenSamples_ExceedsSamplePeak()
    {
        // fs/4 sine at 45 degrees phase: every sample is at 0.707 of the peak, the true peak lies between them (+3 dB).
        var x = new float[48000];
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = (float)(0.5 * Math.Sin((Math.PI / 2 * i) + (Math.PI / 4)));
        }

        var meter = new LoudnessMeter(1);
        meter.Process(x);

        Assert.Equal(20 * Math.Log10(0.5 * Math.Sqrt(0.5)), meter.SamplePeakDbfs, 0.01);
        Assert.Equal(20 * Math.Log10(0.5), meter.TruePeakDbtp, 0.2);
    }

    [Fact]
    public void Process_PartialFrame_Throws()
    {
        var meter = new LoudnessMeter(2);
        Assert.Throws<ArgumentException>(() => meter.Process(new float[3]));
    }

    [Fact]
    public void Process_60SecondsOfAudio_ReportsThroughput()
    {
        var mono = Signals.SpeechLikeNoise(60, seed: 2);
        var meter = new LoudnessMeter(1);
        meter.Process(mono.AsSpan(0, 48000)); // warm up the JIT
        meter = new LoudnessMeter(1);
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < mono.Length; i += 9600)
        {
            meter.Process(mono.AsSpan(i, Math.Min(9600, mono.Length - i)));
        }

        sw.Stop();
        var rate = mono.Length / sw.Elapsed.TotalSeconds;
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"meter: 60 s mono in {sw.Elapsed.TotalMilliseconds:F1} ms = {rate / 1e6:F1} M samples/s = {rate / 48000:F0}x real time"));
        Assert.Equal(mono.Length, meter.Frames);
        Assert.True(double.IsFinite(meter.IntegratedLufs));
    }
}
