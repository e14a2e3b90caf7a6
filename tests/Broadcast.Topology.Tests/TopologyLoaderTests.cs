using Broadcast.Tests.Common;

namespace Broadcast.Topology.Tests;

public sealed class TopologyLoaderTests
{
    [Fact]
    public void Load_BatXat_HasTheDistrictsShape()
    {
        var t = TopologyLoader.Load(RepoPaths.BatXatTopology);

        Assert.Equal("Bát Xát", t.District.Name);
        Assert.Equal(22, t.Communes.Count); // 21 communes and the town
        Assert.Single(t.Communes, c => c.Kind == "town");
        Assert.Equal(176, t.Communes.Sum(c => c.Hamlets.Count));
        var clusters = t.Clusters.ToList();
        Assert.InRange(clusters.Count, 280, 360);
        Assert.Equal(clusters.Count, clusters.Select(c => c.Cluster.Id).Distinct().Count());
        Assert.Equal(clusters.Count, clusters.Select(c => c.Cluster.Bind).Distinct().Count());
        Assert.All(clusters, c => Assert.StartsWith("127.", c.Cluster.Bind, StringComparison.Ordinal));
        var deadZones = t.Communes.SelectMany(c => c.Hamlets).Count(h => h.DeadZone);
        Assert.InRange(deadZones, 5, 14); // about 5% of 176 hamlets
        Assert.Contains(t.Communes, c => c.Name == "Trịnh Tường");
    }

    [Theory]
    [InlineData("""{"formatVersion":2,"district":{"id":"d","name":"D","province":"P"},"communes":[]}""", "formatVersion 2")]
    [InlineData("""{"formatVersion":1,"district":{"id":"d","name":"D","province":"P"},"communes":[]}""", "no communes")]
    [InlineData("""{"formatVersion":1,"district":{"id":"d","name":"D","province":"P"},"communes":[{"id":"c","code":"C","name":"C","hamlets":[{"id":"h","name":"H","clusters":[{"id":"X-1","bind":"10.0.0.300"}]}]}]}""", "bind '10.0.0.300'")]
    [InlineData("""{"formatVersion":1,"district":{"id":"d","name":"D","province":"P"},"communes":[{"id":"c","code":"C","name":"C","hamlets":[{"id":"h","name":"H","clusters":[{"id":"X-1","bind":"10.0.0.1"},{"id":"X-1","bind":"10.0.0.2"}]}]}]}""", "cluster id 'X-1' appears twice")]
    [InlineData("""{"formatVersion":1,"district":{"id":"d","name":"D","province":"P"},"communes":[{"id":"c","code":"C","name":"C","hamlets":[{"id":"h","name":"H","clusters":[{"id":"X-1","bind":"10.0.0.1","transport":"carrier-pigeon"}]}]}]}""", "transport 'carrier-pigeon'")]
    [InlineData("""{"formatVersion":1, "district": """, "not a valid topology")]
    public void Parse_InvalidTopology_ErrorNamesTheProblem(string json, string expected)
    {
        var ex = Assert.Throws<TopologyException>(() => TopologyLoader.Parse(json, "test.json"));

        Assert.StartsWith("test.json: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_NamesIt()
    {
        var ex = Assert.Throws<TopologyException>(() => TopologyLoader.Load("/nonexistent/district.json"));

        Assert.Contains("/nonexistent/district.json", ex.Message, StringComparison.Ordinal);
    }
}
