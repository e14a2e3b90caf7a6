using System.Diagnostics.Metrics;
using Broadcast.Controller.Metrics;
using Broadcast.Controller.Streaming;
using Broadcast.Controller.Topology;
using Broadcast.Tests.Common;
using Broadcast.Topology;
using Microsoft.Extensions.DependencyInjection;

namespace Broadcast.Controller.Tests;

public sealed class TopologyAndScheduleTests
{
    private static readonly TopologyIndex BatXat = new(TopologyLoader.Load(RepoPaths.BatXatTopology), "district.bat-xat.json");

    [Fact]
    public void Resolve_All_EveryCluster()
    {
        var all = BatXat.Resolve("all");
        Assert.True(all.IsOk);
        Assert.Equal(BatXat.Topology.Clusters.Count(), all.ClusterIds.Count);
    }

    [Fact]
    public void Resolve_CommuneByVietnameseName_ItsClusters()
    {
        var town = BatXat.Resolve("commune:Thị trấn Bát Xát");
        Assert.True(town.IsOk, town.Error);
        Assert.Contains("BX-BX-01", town.ClusterIds);
        Assert.Equal(town.ClusterIds, BatXat.Resolve("commune:thi-tran-bat-xat").ClusterIds);
    }

    [Fact]
    public void Resolve_UnknownCommune_ErrorNamesIt()
    {
        var result = BatXat.Resolve("commune:Atlantis");
        Assert.False(result.IsOk);
        Assert.Contains("commune:Atlantis", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void DeadlineOf_AfterManyFrames_ExactlyNTimes20Ms()
    {
        var schedule = new PacerSchedule(StartTimestamp: 1_000, Frequency: 1_000_000_000);
        const long frames = 180_000; // one hour
        Assert.Equal(1_000 + (frames * 20_000_000), schedule.DeadlineOf(frames));
        Assert.Equal(TimeSpan.FromHours(1), PacerSchedule.NominalOffset(frames));
        Assert.Equal(0, schedule.LatenessMilliseconds(frames, schedule.DeadlineOf(frames)));
        Assert.Equal(unchecked((uint)(frames * 960)), PacerSchedule.RtpTimestampOf(frames));
    }

    [Fact]
    public void DeadlineOf_OddFrequency_NoAccumulatedRounding()
    {
        var schedule = new PacerSchedule(0, Frequency: 10_000_003);
        for (long n = 0; n < 100_000; n += 997)
        {
            var exact = n * 10_000_003 / 50.0;
            Assert.InRange(exact - schedule.DeadlineOf(n), 0, 1);
        }
    }

    [Fact]
    public void Snapshot_AfterRecording_ReportsTotalsAndQuantiles()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new BroadcastMetrics(services.GetRequiredService<IMeterFactory>());
        metrics.PacketsSent(10);
        metrics.SendErrors(2);
        for (var i = 1; i <= 100; i++)
        {
            metrics.PacerLateness(i / 100.0); // 0.01 .. 1.00 ms
        }

        metrics.HandshakeRefused("AddressOutsideBinding");
        var snapshot = metrics.Snapshot();
        Assert.Equal(10, snapshot.PacketsSent);
        Assert.Equal(2, snapshot.SendErrors);
        Assert.Equal(100, snapshot.PacerFrames);
        Assert.InRange(snapshot.PacerLatenessP50Ms, 0.49, 0.52);
        Assert.InRange(snapshot.PacerLatenessP99Ms, 0.98, 1.01);
        Assert.Equal(1.0, snapshot.PacerLatenessMaxMs, 3);
        Assert.Equal(1, snapshot.HandshakesRefused["AddressOutsideBinding"]);
    }
}
