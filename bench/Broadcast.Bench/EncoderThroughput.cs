using System.Diagnostics;
using System.Globalization;
using Broadcast.Audio.Codec;
using Broadcast.Audio.Ingest;

namespace Broadcast.Bench;

/// <summary>Bare encoder speed: the whole file is decoded to memory first, then only libopus calls are timed.</summary>
public static class EncoderThroughput
{
    public static async Task<string> MeasureAsync(string wavPath)
    {
        var pcm = new List<float>();
        await using (var reader = await AudioIngest.OpenAsync(wavPath, new IngestOptions { Mono = true }, CancellationToken.None).ConfigureAwait(false))
        {
            var buffer = new float[65536];
            int n;
            while ((n = await reader.ReadAsync(buffer, CancellationToken.None).ConfigureAwait(false)) > 0)
            {
                pcm.AddRange(buffer.AsSpan(0, n));
            }
        }

        var samples = pcm.ToArray();
        // Same settings as opusenc's defaults in bench/audio.sh: 32 kb/s VBR, complexity 10, 20 ms, no FEC.
        var settings = new OpusEncoderSettings { Bitrate = 32000, Complexity = 10, FrameDurationMs = 20, InBandFec = false, ExpectedLossPercent = 0, Signal = OpusSignal.Auto };
        using var encoder = new OpusEncoder(settings);
        var frame = encoder.FrameSamples;
        var packet = new byte[OpusEncoder.MaxPacketBytes];
        var frames = samples.Length / frame;
        var sw = Stopwatch.StartNew();
        for (var f = 0; f < frames; f++)
        {
            encoder.Encode(samples.AsSpan(f * frame, frame), packet);
        }

        sw.Stop();
        return (frames / sw.Elapsed.TotalSeconds).ToString("0", CultureInfo.InvariantCulture);
    }
}
