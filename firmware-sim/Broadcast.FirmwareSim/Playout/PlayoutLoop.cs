using Broadcast.FirmwareSim.Cluster;

namespace Broadcast.FirmwareSim.Playout;

/// <summary>
/// Ticks every 10 ms over its share of the clusters (releasing delayed packets and rendering audio up to now)
/// instead of a timer or thread per cluster: the simulator runs one loop per core, whatever the number of clusters.
/// </summary>
internal sealed class PlayoutLoop(IReadOnlyList<SimCluster> clusters, SimClock clock)
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(10);

    public long Ticks { get; private set; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Period, clock.Time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                TickAll();
            }
        }
        catch (OperationCanceledException)
        {
        }

        TickAll();
    }

    public void TickAll()
    {
        var now = clock.NowSample;
        foreach (var cluster in clusters)
        {
            cluster.Tick(now);
        }

        Ticks++;
    }
}
