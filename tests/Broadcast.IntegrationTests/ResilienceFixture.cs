using System.Net;
using Broadcast.FirmwareSim.Impairment;
using Broadcast.FirmwareSim.Report;
using Broadcast.IntegrationTests.Audio;
using Broadcast.IntegrationTests.Rig;
using Broadcast.Tests.Common;

namespace Broadcast.IntegrationTests;

/// <summary>
/// One 20 s programme to the 13 clusters of the town over bad links, as the simulator issue's "done when" sets them:
/// two clusters (one on UDP, one on MQTT media) lose their link for 10 s from 3 s into the programme, three lose 5%
/// of their packets at random for the whole programme, two renew their session (a periodic re-handshake) 8 s in,
/// and the rest are clean controls. Runs once; the tests judge the report and the recordings.
/// </summary>
public sealed class ResilienceFixture : IAsyncLifetime, IDisposable
{
    public const string Town = "thi-tran-bat-xat";
    public const double ProgrammeSeconds = 20;

    internal static readonly string[] OutageClusters = ["BX-BX-01", "BX-BX-16"];
    internal static readonly string[] LossClusters = ["BX-BX-03", "BX-BX-04", "BX-BX-05"];
    internal static readonly string[] RehandshakeClusters = ["BX-BX-06", "BX-BX-07"];

    internal static readonly TimeSpan OutageAt = TimeSpan.FromSeconds(3);
    internal static readonly TimeSpan OutageLength = TimeSpan.FromSeconds(10);
    internal static readonly TimeSpan RehandshakeAt = TimeSpan.FromSeconds(8);

    private readonly TempDirectory _files = new();
    private ControllerRig? _rig;

    internal ControllerRig Rig => _rig!;

    internal PostResult Started { get; private set; } = null!;

    internal DateTimeOffset PlayoutStart { get; private set; }

    /// <summary>Controller wall-clock instants the outage began and ended (the simulated link's schedule).</summary>
    internal DateTimeOffset LinkDown { get; private set; }

    internal DateTimeOffset LinkUp { get; private set; }

    /// <summary>The same instants in ms since the simulator's start (the report's time base).</summary>
    internal long LinkDownMs { get; private set; }

    internal long LinkUpMs { get; private set; }

    internal long HandshakesBeforeRenewal { get; private set; }

    internal long HandshakesAfter { get; private set; }

    internal SimReport Report { get; private set; } = null!;

    /// <summary>The programme as a correct receiver decodes it (the Ogg Opus file played as it is, FEC on).</summary>
    internal float[] Reference { get; private set; } = [];

    /// <summary>Recording sample of the nominal playout start.</summary>
    internal long Origin { get; private set; }

    public async Task InitializeAsync()
    {
        _rig = await ControllerRig.StartAsync(new RigOptions { ClusterCount = 13 });
        var programme = Programmes.WriteOpus(_files.File("town-news.opus"), Signals.SpeechLikeNoise(ProgrammeSeconds, seed: 29));
        Reference = Programmes.Decode(programme);
        foreach (var id in LossClusters)
        {
            Rig.Sim.Impair(id, new ImpairmentProfile { Loss = 0.05 });
        }

        Started = await Rig.PostBroadcastAsync(programme, "commune:" + Town, "district");
        Assert.True(Started.Status == HttpStatusCode.Created, $"POST /api/broadcasts: {(int)Started.Status} {Started.Body}");
        PlayoutStart = await Rig.WaitUntilPlayingAsync(Rig.Sim.ClusterIds, Started.Channel, TimeSpan.FromSeconds(5));
        Origin = Rig.SampleOf(PlayoutStart);

        // The outage is scheduled on the simulator's clock (time since its start), like --impair cluster:X=outage:10s@T.
        LinkDown = PlayoutStart + OutageAt;
        LinkUp = LinkDown + OutageLength;
        var downSinceStart = LinkDown - Rig.Sim.StartedAt;
        Assert.True(downSinceStart > TimeProvider.System.GetUtcNow() - Rig.Sim.StartedAt, "the programme started too late to schedule the outage ahead");
        LinkDownMs = (long)downSinceStart.TotalMilliseconds;
        LinkUpMs = (long)(downSinceStart + OutageLength).TotalMilliseconds;
        foreach (var id in OutageClusters)
        {
            Rig.Sim.Impair(id, new ImpairmentProfile { Outages = [new OutageSchedule(OutageLength, downSinceStart, null)] });
        }

        await ControllerRig.SleepUntilAsync(PlayoutStart + RehandshakeAt);
        HandshakesBeforeRenewal = (await Rig.MetricsAsync()).HandshakesAccepted;
        foreach (var id in RehandshakeClusters)
        {
            Rig.Sim.Rehandshake(id);
        }

        await ControllerRig.SleepUntilAsync(PlayoutStart + TimeSpan.FromSeconds(Started.DurationSeconds) + TimeSpan.FromMilliseconds(800));
        Report = await Rig.Sim.StopAsync();
        HandshakesAfter = (await Rig.MetricsAsync()).HandshakesAccepted;
    }

    internal ClusterReport Cluster(string id) => Report.Clusters.Single(c => c.Id == id);

    /// <summary>The whole programme's match for one cluster (alignment 1 s in).</summary>
    internal ProgrammeMatch Whole(string id) => ProgrammeMatch.Measure(id, Reference, Rig.Recording(id), Origin, 960, Reference.Length - 960);

    public async Task DisposeAsync()
    {
        if (_rig is not null)
        {
            await _rig.DisposeAsync();
        }

        _files.Dispose();
    }

    public void Dispose() => _files.Dispose();
}
