using System.Text.Json.Nodes;
using Broadcast.Tests.Common;

namespace Broadcast.WebTests.Hosting;

/// <summary>
/// The Bát Xát topology cut down to some communes, for a simulator that brings only those clusters online while the
/// controller keeps the whole district (so the dashboard shows the rest offline, as in the field).
/// </summary>
internal static class SubTopology
{
    public static string Write(string path, params string[] communeIds)
    {
        var root = JsonNode.Parse(File.ReadAllText(RepoPaths.BatXatTopology))!.AsObject();
        var kept = new JsonArray();
        foreach (var commune in root["communes"]!.AsArray())
        {
            if (communeIds.Contains(commune!["id"]!.GetValue<string>()))
            {
                kept.Add(commune.DeepClone());
            }
        }

        if (kept.Count != communeIds.Length)
        {
            throw new ArgumentException($"not every commune of [{string.Join(", ", communeIds)}] is in {RepoPaths.BatXatTopology}", nameof(communeIds));
        }

        root["communes"] = kept;
        File.WriteAllText(path, root.ToJsonString());
        return path;
    }
}
