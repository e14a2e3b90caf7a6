using System.Buffers.Binary;
using Broadcast.Audio.Ingest;
using Broadcast.Tests.Common;
using static Broadcast.Audio.Tests.Ingest.IngestTestFiles;

namespace Broadcast.Audio.Tests.Ingest;

public sealed class WavReaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>A ramp over [-1, 1) in 1/64 steps: exactly representable in every format, 8-bit included.</summary>
    private static double[] Ramp() => Enumerable.Range(0, 128).Select(i => (i - 64) / 64.0).ToArray();

    [Theory]
    [InlineData("u8", false)]
    [InlineData("s16", false)]
    [InlineData("s24", false)]
    [InlineData("s32", false)]
    [InlineData("f32", false)]
    [InlineData("f64", false)]
    [InlineData("s16", true)]
    [InlineData("s24", true)]
    [InlineData("f32", true)]
    public async Task ReadAsync_EachSampleFormat_ReturnsTheRamp(string format, bool extensible)
    {
        var ramp = Ramp();
        var (tag, bits) = format switch
        {
            "u8" => (1, 8),
            "s16" => (1, 16),
            "s24" => (1, 24),
            "s32" => (1, 32),
            "f32" => (3, 32),
            _ => (3, 64),
        };
        var data = new byte[ramp.Length * bits / 8];
        for (var i = 0; i < ramp.Length; i++)
        {
            var d = data.AsSpan(i * bits / 8);
            var v = ramp[i];
            switch (format)
            {
                case "u8": d[0] = (byte)((v * 128) + 128); break;
                case "s16": BinaryPrimitives.WriteInt16LittleEndian(d, (short)(v * 32768)); break;
                case "s24":
                    var s24 = (int)(v * 8388608);
                    d[0] = (byte)s24;
                    d[1] = (byte)(s24 >> 8);
                    d[2] = (byte)(s24 >> 16);
                    break;
                case "s32": BinaryPrimitives.WriteInt32LittleEndian(d, (int)(v * 2147483648.0)); break;
                case "f32": BinaryPrimitives.WriteSingleLittleEndian(d, (float)v); break;
                default: BinaryPrimitives.WriteDoubleLittleEndian(d, v); break;
            }
        }

        var path = _dir.File($"ramp-{format}.wav");
        WriteWav(path, (ushort)tag, 1, 48000, bits, data, extensible, oddChunkBeforeData: true);

        var (samples, channels, source) = await ReadAllAsync(path);

        Assert.Equal(1, channels);
        Assert.Equal(ramp.Length, samples.Length);
        for (var i = 0; i < ramp.Length; i++)
        {
            Assert.Equal(ramp[i], samples[i], 1e-6);
        }

        Assert.Equal(48000, source.SampleRate);
        Assert.Equal("wav", source.Container);
        Assert.StartsWith("pcm_", source.Codec, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_ThreeChannelsMonoFalse_KeepsInterleavedOrder()
    {
        var data = new byte[3 * 2 * 10];
        for (var f = 0; f < 10; f++)
        {
            for (var c = 0; c < 3; c++)
            {
                BinaryPrimitives.WriteInt16LittleEndian(data.AsSpan(((f * 3) + c) * 2), (short)((c + 1) * 1000));
            }
        }

        var path = _dir.File("three.wav");
        WriteWav(path, 1, 3, 48000, 16, data);

        var (samples, channels, source) = await ReadAllAsync(path, mono: false);
        var (mono, monoChannels, _) = await ReadAllAsync(path, mono: true);

        Assert.Equal(3, channels);
        Assert.Equal(3, source.Channels);
        Assert.Equal(30, samples.Length);
        Assert.Equal(1000 / 32768f, samples[3], 1e-7);
        Assert.Equal(2000 / 32768f, samples[4], 1e-7);
        Assert.Equal(3000 / 32768f, samples[5], 1e-7);
        Assert.Equal(1, monoChannels);
        Assert.Equal(10, mono.Length);
        Assert.All(mono, s => Assert.Equal(2000 / 32768f, s, 1e-7)); // the average of 1000, 2000, 3000
    }

    [Fact]
    public async Task ReadAsync_44100HzSine_ResampledTo48kHzWithFrequencyAndLengthKept()
    {
        const int N = 2 * 44100;
        var path = _dir.File("sine44.wav");
        Signals.WriteWav16(path, Signals.Sine(1000, -6, 2, 44100), 44100);

        var (samples, _, source) = await ReadAllAsync(path);

        Assert.Equal(44100, source.SampleRate);
        Assert.InRange(samples.Length, (int)Math.Round(N * 48000.0 / 44100) - 2, (int)Math.Round(N * 48000.0 / 44100) + 2);

        // 1 kHz for 2 s is 4000 zero crossings; a wrong ratio would shift it by about 350.
        Assert.InRange(ZeroCrossings(samples), 3996, 4004);
        var reference = Signals.Sine(1000, -6, 2, 48000);
        Assert.True(Signals.BestCorrelation(samples.AsSpan(2000, 40000), reference.AsSpan(2000, 40000), 2) >= 0.9999);
        var rmsDb = 20 * Math.Log10(Rms(samples.AsSpan(1000, 90000)));
        Assert.Equal(-6 - 3.0103, rmsDb, 0.05);
    }

    [Fact]
    public async Task ReadAsync_96kHzWithUltrasonicTone_KeepsPassbandAndRemovesTheTone()
    {
        var path = _dir.File("hi.wav");
        var audible = Signals.Sine(1000, -12, 1, 96000);
        var ultrasonic = Signals.Sine(30000, -12, 1, 96000);
        Signals.WriteWav16(path, audible.Zip(ultrasonic, (a, u) => a + u).ToArray(), 96000);

        var (samples, _, _) = await ReadAllAsync(path);

        Assert.InRange(samples.Length, 47998, 48002);

        // 30 kHz cannot exist at 48 kHz: unfiltered it would alias to 18 kHz at -12 dBFS. Only the 1 kHz tone may remain.
        var reference = Signals.Sine(1000, -12, 1, 48000);
        var residual = samples.AsSpan(1000, 46000).ToArray().Select((s, i) => s - reference[i + 1000]).ToArray();
        Assert.True(20 * Math.Log10(Rms(residual)) < -60, $"residual {20 * Math.Log10(Rms(residual)):F1} dBFS");
    }

    [Fact]
    public async Task ReadAsync_StreamingHeaderWithSize0xFFFFFFFF_ReadsToEndOfFile()
    {
        var data = new byte[2 * 480];
        var path = _dir.File("stream.wav");
        WriteWav(path, 1, 1, 48000, 16, data, dataSizeField: 0xFFFFFFFF);

        var (samples, _, source) = await ReadAllAsync(path);

        Assert.Equal(480, samples.Length);
        Assert.Equal(0.01, source.DurationSeconds!.Value, 1e-9);
    }

    [Fact]
    public async Task ReadAsync_OneSampleBuffer_ReturnsSameSamplesAsLargeBuffer()
    {
        var path = _dir.File("small.wav");
        Signals.WriteWav16(path, Signals.Sine(440, -10, 0.05, 22050), 22050);
        var (expected, _, _) = await ReadAllAsync(path);

        await using var reader = await AudioIngest.OpenAsync(path, IngestOptions.Default);
        var one = new float[1];
        var got = new List<float>();
        while (await reader.ReadAsync(one) is 1)
        {
            got.Add(one[0]);
        }

        Assert.Equal(expected, got);
    }
}
