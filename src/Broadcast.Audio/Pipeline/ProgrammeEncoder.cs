using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using Broadcast.Audio.Codec;
using Broadcast.Audio.Ingest;
using Broadcast.Audio.Loudness;
using Broadcast.Audio.Ogg;

namespace Broadcast.Audio.Pipeline;

/// <summary>
/// Any programme file to broadcast-ready Ogg Opus: decode (ffmpeg runs in its own process, on another core), measure
/// loudness while decoding, normalise, encode. Encoding is done once, at upload, so broadcast time only paces packets.
/// </summary>
/// <remarks>
/// Programmes that fit the memory budget are encoded in parallel segments, one libopus encoder per core. Each segment
/// after the first starts its encoder <see cref="PrerollMs"/> early on the same audio and drops those packets, so its
/// predictor and energy state match what a single encoder would have at the boundary; the decoder sees one continuous
/// stream (the tests check the boundary). This is what lets normalisation come for free against a plain transcode.
/// </remarks>
public sealed class ProgrammeEncoder
{
    /// <summary>Warm-up audio a segment encoder consumes before its first kept packet.</summary>
    public const int PrerollMs = 400;

    // Segments shorter than this are not worth a thread (encoder creation and pre-roll would dominate).
    private const double MinSegmentSeconds = 30;
    private const int ReadBlockSamples = 16 * 1024;
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(200);

    private readonly TimeProvider _time;

    public ProgrammeEncoder(TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Encodes <paramref name="inputPath"/> to <paramref name="outputPath"/>; the output appears only when complete.</summary>
    /// <exception cref="AudioIngestException">The input is missing, empty, not audio, truncated or holds no audio.</exception>
    /// <exception cref="AudioOutputException">The output cannot be written.</exception>
    public async Task<EncodeResult> EncodeAsync(
        string inputPath,
        string outputPath,
        ProgrammeEncoderOptions options,
        IProgress<EncodeProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        // Both ends are checked before the long decode: a bad output directory should not cost an hour of work.
        using var output = AtomicOutputFile.Create(outputPath);
        var ingest = new IngestOptions { Mono = true };
        using var store = new PcmStore(options.MemoryBudgetBytes);
        var meter = new LoudnessMeter(AudioFormat.Channels, AudioFormat.SampleRate);
        SourceInfo source;
        long total;

        await using (var reader = await AudioIngest.OpenAsync(inputPath, ingest, cancellationToken).ConfigureAwait(false))
        {
            source = reader.Source;
            total = await MeasureAsync(reader, meter, store, progress, cancellationToken).ConfigureAwait(false);
        }

        if (total == 0)
        {
            throw new AudioIngestException(inputPath, AudioIngestError.NoAudio, "the file decodes to 0 samples of audio");
        }

        var plan = GainPlanner.Plan(meter, options);
        var level = new LevelStage(LoudnessNormalizer.ToLinear(plan.GainDb), plan.UseLimiter ? new PeakLimiter(options.MaxTruePeakDbtp) : null);

        var gainDb = plan.GainDb;
        if (store.Complete)
        {
            if (plan.UseLimiter)
            {
                (gainDb, level) = CompensateLimiter(store, meter, plan.GainDb, options);
            }

            ApplyLevel(store, level, write: true);
        }

        long packets;
        using (var probe = new OpusEncoder(options.Opus))
        {
            var head = new OggOpusHeader
            {
                ChannelCount = AudioFormat.Channels,
                PreSkip = probe.Lookahead,
                InputSampleRate = source.SampleRate > 0 ? source.SampleRate : AudioFormat.SampleRate,
            };
            var tags = BuildTags(inputPath, options, meter, level.Output, gainDb, plan.PeakLimited, plan.Silent, plan.UseLimiter);
            using var writer = new OggOpusWriter(output.Stream, head, tags);
            if (store.Complete)
            {
                packets = await EncodeFromMemoryAsync(store, total, probe.Lookahead, options, writer, progress, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await using var again = await AudioIngest.OpenAsync(inputPath, ingest, cancellationToken).ConfigureAwait(false);
                (packets, total) = await EncodeStreamingAsync(again, total, level, options, writer, progress, cancellationToken).ConfigureAwait(false);
            }

            writer.Finish(total);
        }

        var bytes = output.Stream.Length;
        output.Commit();
        progress?.Report(new EncodeProgress(EncodePhase.Done, 1, total / (double)AudioFormat.SampleRate));

        return new EncodeResult
        {
            OutputPath = output.Destination,
            Source = source,
            DurationSeconds = total / (double)AudioFormat.SampleRate,
            SourceLufs = meter.IntegratedLufs,
            SourceTruePeakDbtp = meter.TruePeakDbtp,
            GainDb = gainDb,
            OutputLufs = plan.Silent ? meter.IntegratedLufs : level.Output.IntegratedLufs,
            OutputTruePeakDbtp = level.Output.TruePeakDbtp,
            Limited = plan.UseLimiter,
            PeakLimited = plan.PeakLimited,
            Silent = plan.Silent,
            OutputBytes = bytes,
            Packets = packets,
            DecodedTwice = !store.Complete,
        };
    }

    private async Task<long> MeasureAsync(PcmReader reader, LoudnessMeter meter, PcmStore store, IProgress<EncodeProgress>? progress, CancellationToken ct)
    {
        var buffer = ArrayPool<float>.Shared.Rent(ReadBlockSamples);
        try
        {
            long total = 0;
            var expected = reader.Source.DurationSeconds is > 0 ? reader.Source.DurationSeconds.Value * AudioFormat.SampleRate : (double?)null;
            var nextReport = _time.GetTimestamp();
            int n;
            while ((n = await reader.ReadAsync(buffer.AsMemory(0, ReadBlockSamples), ct).ConfigureAwait(false)) > 0)
            {
                var block = buffer.AsSpan(0, n);
                meter.Process(block);
                store.Append(block);
                total += n;
                if (progress is not null && _time.GetTimestamp() >= nextReport)
                {
                    progress.Report(new EncodeProgress(EncodePhase.Measuring, expected is null ? null : Math.Min(1, total / expected.Value) * 0.5, total / (double)AudioFormat.SampleRate));
                    nextReport = _time.GetTimestamp() + (long)(ProgressInterval.TotalSeconds * _time.TimestampFrequency);
                }
            }

            return total;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }
    }

    private async Task<long> EncodeFromMemoryAsync(PcmStore store, long total, int lookahead, ProgrammeEncoderOptions options, OggOpusWriter writer, IProgress<EncodeProgress>? progress, CancellationToken ct)
    {
        var frameSamples = options.Opus.FrameSamples(AudioFormat.SampleRate);
        // The decoder drops the encoder's look-ahead (the Ogg pre-skip) from the front, so the last frames must
        // reach that far past the end for every original sample to come out (RFC 7845 section 4.2).
        var frames = (total + lookahead + frameSamples - 1) / frameSamples;
        var minFrames = (long)(MinSegmentSeconds * AudioFormat.SampleRate / frameSamples);
        var segments = (int)Math.Clamp(frames / Math.Max(1, minFrames), 1, options.Parallelism);
        var prerollFrames = Math.Max(1, PrerollMs * AudioFormat.SampleRate / 1000 / frameSamples);

        var lists = new PacketList[segments];
        var encodedFrames = new StrongBox<long>();
        try
        {
            var tasks = new Task[segments];
            for (var k = 0; k < segments; k++)
            {
                var index = k;
                var first = frames * k / segments;
                var end = frames * (k + 1) / segments;
                lists[k] = new PacketList();
                tasks[k] = Task.Run(
                    () => EncodeSegment(store, first, end, index == 0 ? 0 : Math.Min(first, prerollFrames), options.Opus, lists[index], encodedFrames, ct),
                    ct);
            }

            var all = Task.WhenAll(tasks);
            while (!all.IsCompleted)
            {
                await Task.WhenAny(all, Task.Delay(ProgressInterval, _time, ct)).ConfigureAwait(false);
                var done = Interlocked.Read(ref encodedFrames.Value);
                progress?.Report(new EncodeProgress(EncodePhase.Encoding, 0.5 + (0.5 * done / frames), done * frameSamples / (double)AudioFormat.SampleRate));
            }

            await all.ConfigureAwait(false);

            long packets = 0;
            foreach (var list in lists)
            {
                list.ForEach(p => writer.WritePacket(p.Span, frameSamples));
                packets += list.Count;
            }

            return packets;
        }
        finally
        {
            foreach (var list in lists)
            {
                list?.Dispose();
            }
        }
    }

    private static void EncodeSegment(PcmStore store, long firstFrame, long endFrame, long prerollFrames, OpusEncoderSettings settings, PacketList into, StrongBox<long> encodedFrames, CancellationToken ct)
    {
        using var encoder = new OpusEncoder(settings);
        var frameSamples = encoder.FrameSamples;
        var pcm = ArrayPool<float>.Shared.Rent(frameSamples);
        var packet = ArrayPool<byte>.Shared.Rent(OpusEncoder.MaxPacketBytes);
        try
        {
            for (var f = firstFrame - prerollFrames; f < endFrame; f++)
            {
                var frame = pcm.AsSpan(0, frameSamples);
                store.CopyTo(f * frameSamples, frame);
                var n = encoder.Encode(frame, packet);
                if (f >= firstFrame)
                {
                    into.Add(packet.AsSpan(0, n));
                    Interlocked.Increment(ref encodedFrames.Value);
                }

                if ((f & 255) == 0)
                {
                    ct.ThrowIfCancellationRequested();
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(pcm);
            ArrayPool<byte>.Shared.Return(packet);
        }
    }

    private async Task<(long Packets, long Samples)> EncodeStreamingAsync(PcmReader reader, long expectedTotal, LevelStage level, ProgrammeEncoderOptions options, OggOpusWriter writer, IProgress<EncodeProgress>? progress, CancellationToken ct)
    {
        using var encoder = new OpusEncoder(options.Opus);
        var frameSamples = encoder.FrameSamples;
        var lookahead = encoder.Lookahead;
        var pcm = ArrayPool<float>.Shared.Rent(ReadBlockSamples + level.TailSamples + lookahead + (2 * frameSamples));
        var packet = ArrayPool<byte>.Shared.Rent(OpusEncoder.MaxPacketBytes);
        try
        {
            long packets = 0, total = 0;
            var filled = 0;
            var nextReport = _time.GetTimestamp();
            while (true)
            {
                var n = await reader.ReadAsync(pcm.AsMemory(filled, ReadBlockSamples), ct).ConfigureAwait(false);
                var last = n == 0;
                filled += last ? level.Flush(pcm.AsSpan(filled)) : level.Process(pcm.AsSpan(filled, n));
                total += n;
                if (last)
                {
                    // Pad with silence past the look-ahead to a whole frame; the Ogg end granule trims it (RFC 7845 section 4.4).
                    var padTo = ((filled + lookahead + frameSamples - 1) / frameSamples) * frameSamples;
                    pcm.AsSpan(filled, padTo - filled).Clear();
                    filled = padTo;
                }

                var offset = 0;
                for (; offset + frameSamples <= filled; offset += frameSamples)
                {
                    var frame = pcm.AsSpan(offset, frameSamples);
                    var written = encoder.Encode(frame, packet);
                    writer.WritePacket(packet.AsSpan(0, written), frameSamples);
                    packets++;
                }

                pcm.AsSpan(offset, filled - offset).CopyTo(pcm);
                filled -= offset;
                if (progress is not null && _time.GetTimestamp() >= nextReport)
                {
                    progress.Report(new EncodeProgress(EncodePhase.Encoding, 0.5 + (0.5 * Math.Min(1, total / (double)expectedTotal)), total / (double)AudioFormat.SampleRate));
                    nextReport = _time.GetTimestamp() + (long)(ProgressInterval.TotalSeconds * _time.TimestampFrequency);
                }

                if (last)
                {
                    return (packets, total);
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(pcm);
            ArrayPool<byte>.Shared.Return(packet);
        }
    }

    // Limiting takes loudness away with the peaks (1.2 LU on espeak-ng speech with 18 dB crest). Measure the limited
    // result without writing it and raise the gain by the deficit, at most twice, within the limiter's reduction cap.
    private static (double GainDb, LevelStage Level) CompensateLimiter(PcmStore store, LoudnessMeter source, double gainDb, ProgrammeEncoderOptions options)
    {
        var maxGain = options.MaxTruePeakDbtp + options.MaxLimiterReductionDb - source.TruePeakDbtp;
        for (var i = 0; i < 2; i++)
        {
            var trial = new LevelStage(LoudnessNormalizer.ToLinear(gainDb), new PeakLimiter(options.MaxTruePeakDbtp), measurePeak: false);
            ApplyLevel(store, trial, write: false);
            var deficit = options.TargetLufs - trial.Output.IntegratedLufs;
            if (deficit < 0.1 || gainDb >= maxGain)
            {
                break;
            }

            gainDb = Math.Min(gainDb + deficit, maxGain);
        }

        return (gainDb, new LevelStage(LoudnessNormalizer.ToLinear(gainDb), new PeakLimiter(options.MaxTruePeakDbtp)));
    }

    // One sequential pass (the limiter has state), writing behind the read position: the limiter only delays.
    private static void ApplyLevel(PcmStore store, LevelStage level, bool write)
    {
        var buffer = ArrayPool<float>.Shared.Rent(ReadBlockSamples + level.TailSamples);
        try
        {
            long read = 0, written = 0;
            while (read < store.Length)
            {
                var n = (int)Math.Min(ReadBlockSamples, store.Length - read);
                store.CopyTo(read, buffer.AsSpan(0, n));
                read += n;
                var produced = level.Process(buffer.AsSpan(0, n));
                if (write)
                {
                    store.Write(written, buffer.AsSpan(0, produced));
                }

                written += produced;
            }

            var tail = level.Flush(buffer);
            if (write)
            {
                store.Write(written, buffer.AsSpan(0, tail));
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }
    }

    private static OpusTags BuildTags(string inputPath, ProgrammeEncoderOptions options, LoudnessMeter meter, LoudnessMeter output, double gainDb, bool peakLimited, bool silent, bool limiter)
    {
        var tags = new OpusTags("Broadcast (libopus)");
        tags.Set("TITLE", options.Title ?? Path.GetFileNameWithoutExtension(inputPath));
        tags.Set("SOURCE", Path.GetFileName(inputPath));
        tags.Set("BCAST_SOURCE_LUFS", Format(meter.IntegratedLufs));
        tags.Set("BCAST_SOURCE_TRUE_PEAK_DBTP", Format(meter.TruePeakDbtp));
        tags.Set("BCAST_GAIN_DB", Format(gainDb));
        tags.Set("BCAST_TARGET_LUFS", Format(options.TargetLufs));
        if (output.Frames > 0)
        {
            // Known here only when the programme was normalised in memory before the headers are written.
            tags.Set("BCAST_LOUDNESS_LUFS", Format(output.IntegratedLufs));
            tags.Set("BCAST_TRUE_PEAK_DBTP", Format(output.TruePeakDbtp));
        }
        if (silent)
        {
            tags.Set("BCAST_FLAGS", "silent");
        }
        else if (peakLimited)
        {
            tags.Set("BCAST_FLAGS", "peak-limited");
        }
        else if (limiter)
        {
            tags.Set("BCAST_FLAGS", "limited");
        }

        return tags;
    }

    private static string Format(double value)
        => double.IsNegativeInfinity(value) ? "-inf" : value.ToString("0.00", CultureInfo.InvariantCulture);
}
