using System.Buffers;
using Broadcast.Audio.Ingest;
using Broadcast.Audio.Loudness;

namespace Broadcast.Audio.Pipeline;

/// <summary>Technical facts and loudness of any audio file, measured over its own channels as ffmpeg's ebur128 does.</summary>
public static class ProgrammeInspector
{
    public static async Task<InspectResult> InspectAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var reader = await AudioIngest.OpenAsync(path, new IngestOptions { Mono = false }, cancellationToken).ConfigureAwait(false);
        var meter = new LoudnessMeter(reader.Channels, reader.SampleRate);
        var block = reader.Channels * 8192;
        var buffer = ArrayPool<float>.Shared.Rent(block);
        long frames = 0;
        try
        {
            int n;
            while ((n = await reader.ReadAsync(buffer.AsMemory(0, block), cancellationToken).ConfigureAwait(false)) > 0)
            {
                meter.Process(buffer.AsSpan(0, n));
                frames += n / reader.Channels;
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }

        if (frames == 0)
        {
            throw new AudioIngestException(path, AudioIngestError.NoAudio, "the file decodes to 0 samples of audio");
        }

        var duration = frames / (double)reader.SampleRate;
        var source = reader.Source;
        var bitrate = source.BitRate is > 0 ? source.BitRate.Value : (long)(new FileInfo(path).Length * 8 / duration);
        return new InspectResult(
            source.Codec,
            source.SampleRate,
            source.Channels,
            duration,
            meter.IntegratedLufs,
            meter.TruePeakDbtp,
            bitrate);
    }
}
