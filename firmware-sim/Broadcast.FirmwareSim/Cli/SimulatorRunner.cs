using Broadcast.FirmwareSim.Cluster;
using Broadcast.FirmwareSim.View;
using Microsoft.Extensions.Logging;

namespace Broadcast.FirmwareSim.Cli;

/// <summary>Runs the simulator from the command line until --seconds pass or Ctrl-C.</summary>
internal static class SimulatorRunner
{
    public static async Task<int> RunAsync(SimulatorOptions options, bool plain, CancellationToken cancellationToken)
    {
        using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        SimulatorHost host;
        try
        {
            host = await SimulatorHost.StartAsync(options, loggers, cancellationToken).ConfigureAwait(false);
        }
        catch (SimulatorSetupException e)
        {
            await Console.Error.WriteLineAsync($"bcast sim: error: {e.Message}").ConfigureAwait(false);
            return 3;
        }

        await using (host.ConfigureAwait(false))
        {
            using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (options.Duration is { } duration)
            {
                run.CancelAfter(duration);
            }

            await LiveView.RunAsync(host, plain, run.Token).ConfigureAwait(false);
            var report = await host.StopAsync().ConfigureAwait(false);
            await Console.Out.WriteLineAsync(LiveView.SummaryLine(report.Clusters)).ConfigureAwait(false);
            return cancellationToken.IsCancellationRequested ? 130 : 0;
        }
    }
}
