using System.Globalization;
using System.Text.Json;

namespace Broadcast.Audio.Ingest;

/// <summary>Runs ffprobe before decoding: fills <see cref="SourceInfo"/> and refuses files with no audio stream early.</summary>
internal static class Ffprobe
{
    private const string EstimatedDurationWarning = "Estimating duration from bitrate";

    public static async Task<ProbeResult> ProbeAsync(string path, IngestOptions options, CancellationToken ct)
    {
        // -v warning rather than error: the "Estimating duration from bitrate" warning tells us whether the duration
        // can be used to detect a truncated file (see FfmpegPcmReader).
        var process = DecoderProcess.Start(
            options.ResolveFfprobePath(),
            path,
            ["-v", "warning", "-print_format", "json", "-show_streams", "-show_format", .. FfmpegInputPolicy.ProbeArguments(path)]);
        string json;
        List<string> errors;
        try
        {
            var stderr = DecoderProcess.CollectLinesAsync(process.StandardError);
            json = await process.StandardOutput.ReadToEndAsync(ct).ConfigureAwait(false);
            errors = await stderr.ConfigureAwait(false);
            await process.WaitForExitAsync(ct).ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                throw new AudioIngestException(
                    path, AudioIngestError.NotAudio, $"not an audio file ffmpeg can read ({DecoderProcess.FirstError(errors, path)})");
            }
        }
        finally
        {
            await DecoderProcess.StopAsync(process).ConfigureAwait(false);
        }

        var trusted = !errors.Exists(e => e.Contains(EstimatedDurationWarning, StringComparison.Ordinal));
        return new ProbeResult(Parse(json, path), trusted);
    }

    internal static SourceInfo Parse(string json, string path)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var format = root.TryGetProperty("format", out var f) ? f : default;
        var kinds = new List<string>();
        if (root.TryGetProperty("streams", out var streams))
        {
            foreach (var s in streams.EnumerateArray())
            {
                var kind = String(s, "codec_type") ?? "unknown";
                if (kind != "audio")
                {
                    kinds.Add(kind);
                    continue;
                }

                return new SourceInfo(
                    String(s, "codec_name") ?? "unknown",
                    (int)(Number(s, "sample_rate") ?? 0),
                    (int)(Number(s, "channels") ?? 0),
                    Number(s, "duration") ?? Number(format, "duration"),
                    (long?)(Number(s, "bit_rate") ?? Number(format, "bit_rate")),
                    String(format, "format_name") ?? "unknown");
            }
        }

        var what = kinds.Count == 0 ? "no streams at all" : "only " + string.Join(", ", kinds) + " streams";
        throw new AudioIngestException(path, AudioIngestError.NotAudio, $"the file has no audio stream ({what})");
    }

    private static string? String(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>ffprobe writes most numbers as JSON strings ("44100", "5.041633") and some as numbers (channels).</summary>
    private static double? Number(JsonElement e, string name)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out var v))
        {
            return null;
        }

        return v.ValueKind switch
        {
            JsonValueKind.Number => v.GetDouble(),
            JsonValueKind.String when double.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
            _ => null,
        };
    }
}
