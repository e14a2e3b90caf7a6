using System.Text.Json.Nodes;
using Broadcast.FirmwareSim.Cluster;
using Broadcast.FirmwareSim.Impairment;
using Broadcast.Tests.Common;
using Broadcast.Topology;

namespace Broadcast.FirmwareSim.Tests;

/// <summary>The optional "impairments" section of a topology file, read by the simulator only.</summary>
[Collection("Loopback")]
public sealed class TopologyImpairmentTests
{
    [Fact]
    public void Parse_NoSection_NoGroups()
    {
        Assert.Empty(TopologyImpairments.Parse("""{ "formatVersion": 1, "communes": [] }""", "t.json"));
    }

    [Fact]
    public void Parse_Section_GroupsInFileOrderWithTheirProfiles()
    {
        var groups = TopologyImpairments.Parse(
            """
            {
              // known bad links of the district
              "impairments": [
                "commune:Y Tý=loss:10%,jitter:40ms",
                "cluster:BX-BX-03=outage:10s@40s/120s,bandwidth:64kbit",
              ]
            }
            """,
            "t.json");

        Assert.Equal(2, groups.Count);
        Assert.Equal("commune:Y Tý", groups[0].Selector);
        Assert.Equal(0.10, groups[0].Profile.Loss, 9);
        Assert.Equal(TimeSpan.FromMilliseconds(40), groups[0].Profile.Jitter);
        Assert.Equal("cluster:BX-BX-03", groups[1].Selector);
        var outage = Assert.Single(groups[1].Profile.Outages);
        Assert.Equal(new OutageSchedule(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(40), TimeSpan.FromSeconds(120)), outage);
        Assert.Equal(64_000, groups[1].Profile.BandwidthBitsPerSecond);
    }

    [Theory]
    [InlineData("""{ "impairments": "loss:5%" }""", "\"impairments\" must be a list")]
    [InlineData("""{ "impairments": ["all=loss:5%", 3] }""", "impairments[1] is number")]
    [InlineData("""{ "impairments": ["all=loss:5%", "village:x=loss:5%"] }""", "impairments[1]: selector 'village:x'")]
    [InlineData("""{ "impairments": ["all=loss:500%"] }""", "impairments[0]: 'loss:500%'")]
    public void Parse_BadSection_NamesFileEntryAndProblem(string json, string expected)
    {
        var e = Assert.Throws<SimulatorSetupException>(() => TopologyImpairments.Parse(json, "district.json"));
        Assert.Contains("district.json", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_TopologyWithImpairments_ClustersGetThemAndCommandLineWins()
    {
        using var dir = new TempDirectory();
        var topology = JsonNode.Parse(File.ReadAllText(LoopbackTests.TopologyFile))!;
        topology["impairments"] = new JsonArray("commune:Thị trấn Bát Xát=loss:10%", "cluster:BX-BX-03=outage:10s@40s", "hamlet:nowhere=loss:50%");
        var path = dir.File("district.json");
        File.WriteAllText(path, topology.ToJsonString());

        // The shared loader (controller and simulator) accepts the file with the extra section.
        Assert.Equal(TopologyLoader.Load(LoopbackTests.TopologyFile).Clusters.Count(), TopologyLoader.Load(path).Clusters.Count());

        Assert.True(GroupImpairment.TryParse("cluster:BX-BX-04=jitter:30ms", out var commandLine, out var error), error);
        await using var controller = await StandInController.StartAsync();
        var options = SimTestKit.Options(controller, 4) with { TopologyPath = path, GroupImpairments = [commandLine!] };
        var host = await SimulatorHost.StartAsync(options);
        await using (host)
        {
            var profiles = host.Clusters.ToDictionary(c => c.Spec.Id, c => c.Impairment);
            Assert.Equal(["BX-BX-01", "BX-BX-03", "BX-BX-04", "BX-BX-05"], profiles.Keys.Order(StringComparer.Ordinal));
            Assert.Equal(0.10, profiles["BX-BX-01"].Loss, 9);
            Assert.Equal(0.10, profiles["BX-BX-05"].Loss, 9);

            // The last matching entry replaces the profile: the cluster's own line, then the command line.
            Assert.Equal(0, profiles["BX-BX-03"].Loss);
            Assert.Equal(new OutageSchedule(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(40), null), Assert.Single(profiles["BX-BX-03"].Outages));
            Assert.Equal(0, profiles["BX-BX-04"].Loss);
            Assert.Equal(TimeSpan.FromMilliseconds(30), profiles["BX-BX-04"].Jitter);
        }
    }
}
