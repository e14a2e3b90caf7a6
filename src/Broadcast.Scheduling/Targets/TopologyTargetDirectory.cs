using Broadcast.Controller.Topology;

namespace Broadcast.Scheduling.Targets;

/// <summary>The district topology the controller loaded answers for targets.</summary>
internal sealed class TopologyTargetDirectory(TopologyIndex topology) : ITargetDirectory
{
    public TargetLookup Lookup(string? target)
    {
        var resolution = topology.Resolve(target);
        return resolution.IsOk
            ? new TargetLookup(null, topology.CommunesOf(resolution.ClusterIds))
            : new TargetLookup(resolution.Error ?? $"unknown target '{target}'", []);
    }
}
