using System.Globalization;
using Broadcast.FirmwareSim.Report;
using Spectre.Console;

namespace Broadcast.FirmwareSim.View;

/// <summary>
/// The technician's view: on a terminal a table by commune refreshed once a second (online, playing, loss,
/// buffer, skew); when output is redirected, one plain summary line every 5 s.
/// </summary>
internal static class LiveView
{
    public static async Task RunAsync(SimulatorHost host, bool plain, CancellationToken cancellationToken)
    {
        try
        {
            if (plain || Console.IsOutputRedirected)
            {
                using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
                while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
                {
                    await Console.Out.WriteLineAsync(SummaryLine(host.Snapshot())).ConfigureAwait(false);
                }

                return;
            }

            await AnsiConsole.Live(Build(host.Snapshot())).StartAsync(async context =>
            {
                using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
                while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
                {
                    context.UpdateTarget(Build(host.Snapshot()));
                }
            }).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    public static string SummaryLine(IReadOnlyList<ClusterReport> clusters)
    {
        var totals = ReportTotals.From(clusters);
        var expected = totals.PacketsReceived + totals.PacketsLost;
        return string.Create(CultureInfo.InvariantCulture,
            $"sim: {clusters.Count(c => c.Online)}/{clusters.Count} online, {clusters.Count(c => c.PlayedMs > 0)} played, received {totals.PacketsReceived}, loss {(expected == 0 ? 0 : 100.0 * totals.PacketsLost / expected):F2}%, rejected {totals.PacketsRejected.Total}, underruns {totals.Underruns}, skew spread {totals.SkewSpreadMs:F1} ms");
    }

    private static Table Build(IReadOnlyList<ClusterReport> clusters)
    {
        var table = new Table().Title("Broadcast simulator").AddColumns("Commune", "Clusters", "Online", "Played", "Loss %", "Buffer ms", "Skew ms", "Rejected");
        foreach (var group in clusters.GroupBy(c => c.Commune))
        {
            var received = group.Sum(c => c.PacketsReceived);
            var lost = group.Sum(c => c.PacketsLost);
            table.AddRow(
                Markup.Escape(group.Key),
                group.Count().ToString(CultureInfo.InvariantCulture),
                group.Count(c => c.Online).ToString(CultureInfo.InvariantCulture),
                group.Count(c => c.PlayedMs > 0).ToString(CultureInfo.InvariantCulture),
                (received + lost == 0 ? 0 : 100.0 * lost / (received + lost)).ToString("F2", CultureInfo.InvariantCulture),
                group.Average(c => c.BufferMs).ToString("F0", CultureInfo.InvariantCulture),
                group.Average(c => c.SkewMs).ToString("F1", CultureInfo.InvariantCulture),
                group.Sum(c => c.PacketsRejected.Total).ToString(CultureInfo.InvariantCulture));
        }

        table.Caption(Markup.Escape(SummaryLine(clusters)));
        return table;
    }
}
