using System.Collections.Concurrent;
using Broadcast.Controller.Topology;

namespace Broadcast.Controller.Sessions;

/// <summary>Endpoint records by id (every cluster of the topology, plus registered endpoints outside it) and live sessions by index.</summary>
internal sealed class SessionTable
{
    private readonly ConcurrentDictionary<string, EndpointRecord> _records = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<uint, EndpointRecord> _byIndex = new();
    private readonly string _district;

    public SessionTable(TopologyIndex topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        _district = topology.District;
        foreach (var p in topology.Clusters)
        {
            _records[p.Cluster.Id] = new EndpointRecord(p.Cluster.Id, p.Commune.Id, p.Hamlet.Id, p.Cluster.Transport, _district);
        }
    }

    public IEnumerable<EndpointRecord> All => _records.Values.OrderBy(r => r.Id, StringComparer.Ordinal);

    public EndpointRecord? Find(string id) => _records.GetValueOrDefault(id);

    /// <summary>The record of an endpoint known to the registry but absent from the topology (transport udp).</summary>
    public EndpointRecord GetOrAdd(string id, string commune, string hamlet) =>
        _records.GetOrAdd(id, i => new EndpointRecord(i, commune, hamlet, "udp", _district));

    public EndpointRecord? FindByIndex(uint localIndex) => _byIndex.GetValueOrDefault(localIndex);

    /// <summary>Installs <paramref name="session"/> on <paramref name="record"/>, indexes it, and disposes the old one.</summary>
    public void Install(EndpointRecord record, EndpointSession? session)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (session is not null)
        {
            _byIndex[session.LocalIndex] = record;
        }

        var old = record.ReplaceSession(session);
        if (old is not null)
        {
            _byIndex.TryRemove(new KeyValuePair<uint, EndpointRecord>(old.LocalIndex, record));
            // A pacer thread may still be tagging with the old key; it counts the ObjectDisposedException as a send error.
            old.Dispose();
        }
    }
}
