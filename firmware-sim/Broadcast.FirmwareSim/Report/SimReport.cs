using System.Text.Json;
using System.Text.Json.Serialization;

namespace Broadcast.FirmwareSim.Report;

/// <summary>The --report JSON: run facts, one entry per cluster, and totals.</summary>
public sealed record SimReport
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public required string District { get; init; }

    public double Seconds { get; init; }

    /// <summary>CPU time the simulator process used, in seconds (Process.TotalProcessorTime).</summary>
    public double CpuSeconds { get; init; }

    public required IReadOnlyList<ClusterReport> Clusters { get; init; }

    public required ReportTotals Totals { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static SimReport? FromJson(string json) => JsonSerializer.Deserialize<SimReport>(json, Json);

    /// <summary>Writes atomically (temporary file then rename).</summary>
    public void Save(string path)
    {
        var temp = path + ".tmp";
        File.WriteAllText(temp, ToJson());
        File.Move(temp, path, overwrite: true);
    }
}
