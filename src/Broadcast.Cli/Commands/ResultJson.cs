using System.Text.Json;
using System.Text.Json.Nodes;
using Broadcast.Audio.Pipeline;

namespace Broadcast.Cli.Commands;

/// <summary>JSON output of the audio verbs. Loudness of silence is null (JSON has no -infinity).</summary>
internal static class ResultJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Encode(EncodeResult r) => new JsonObject
    {
        ["output"] = r.OutputPath,
        ["durationSeconds"] = Math.Round(r.DurationSeconds, 3),
        ["sourceLufs"] = Finite(r.SourceLufs),
        ["sourceTruePeakDbtp"] = Finite(r.SourceTruePeakDbtp),
        ["gainDb"] = Math.Round(r.GainDb, 2),
        ["outputLufs"] = Finite(r.OutputLufs),
        ["outputTruePeakDbtp"] = Finite(r.OutputTruePeakDbtp),
        ["peakLimited"] = r.PeakLimited,
        ["silent"] = r.Silent,
        ["bytes"] = r.OutputBytes,
        ["packets"] = r.Packets,
    }.ToJsonString(Indented);

    public static JsonNode? Finite(double v) => double.IsFinite(v) ? JsonValue.Create(Math.Round(v, 2)) : null;

    public static string Write(JsonObject o) => o.ToJsonString(Indented);
}
