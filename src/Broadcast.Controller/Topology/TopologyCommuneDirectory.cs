using Broadcast.Library;

namespace Broadcast.Controller.Topology;

/// <summary>The library's view of the district's communes: a commune given with an upload must exist in the topology.</summary>
internal sealed class TopologyCommuneDirectory(TopologyIndex topology) : ICommuneDirectory
{
    public string? FindCommune(string idCodeOrName) => topology.FindCommune(idCodeOrName)?.Name;
}
