using System.Text.Json;
using Broadcast.FirmwareSim.Cluster;

namespace Broadcast.FirmwareSim.Impairment;

/// <summary>
/// The optional <c>"impairments"</c> section of a topology file: a list of <c>SELECTOR=PROFILE</c> strings in the
/// syntax of <c>--impair</c>, so that a district file can carry its known bad links. Only the simulator reads it
/// (the controller's topology loader ignores unknown sections), hence read here beside the shared loader.
/// </summary>
internal static class TopologyImpairments
{
    public const string Section = "impairments";

    private static readonly JsonDocumentOptions Json = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>The groups of the file at <paramref name="path"/>, in file order; none when it has no such section.</summary>
    public static IReadOnlyList<GroupImpairment> Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SimulatorSetupException($"topology {path}: cannot read it ({e.Message})", e);
        }

        return Parse(text, path);
    }

    /// <summary>Parses the section out of topology JSON; <paramref name="source"/> names the file in messages.</summary>
    public static IReadOnlyList<GroupImpairment> Parse(string json, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Json);
        }
        catch (JsonException e)
        {
            throw new SimulatorSetupException($"topology {source}: not valid JSON ({e.Message})", e);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty(Section, out var section)
                || section.ValueKind == JsonValueKind.Null)
            {
                return [];
            }

            if (section.ValueKind != JsonValueKind.Array)
            {
                throw new SimulatorSetupException($"topology {source}: \"{Section}\" must be a list of \"SELECTOR=PROFILE\" strings, e.g. [\"commune:Y Tý=loss:10%,jitter:40ms\"]");
            }

            var groups = new List<GroupImpairment>();
            var index = 0;
            foreach (var item in section.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String)
                {
                    throw new SimulatorSetupException($"topology {source}: {Section}[{index}] is {item.ValueKind.ToString().ToLowerInvariant()}, not a \"SELECTOR=PROFILE\" string");
                }

                if (!GroupImpairment.TryParse(item.GetString(), out var group, out var error))
                {
                    throw new SimulatorSetupException($"topology {source}: {Section}[{index}]: {error}");
                }

                groups.Add(group!);
                index++;
            }

            return groups;
        }
    }
}
