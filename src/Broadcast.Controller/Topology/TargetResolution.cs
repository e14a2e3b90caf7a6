namespace Broadcast.Controller.Topology;

/// <summary>Cluster ids a target names, or why it names none.</summary>
internal sealed record TargetResolution(IReadOnlyList<string> ClusterIds, string? Error)
{
    public bool IsOk => Error is null;

    public static TargetResolution Ok(IReadOnlyList<string> ids) => new(ids, null);

    public static TargetResolution Fail(string error) => new([], error);
}
