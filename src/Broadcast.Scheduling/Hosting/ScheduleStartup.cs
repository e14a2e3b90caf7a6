using Broadcast.Scheduling.Recurrence;
using Broadcast.Scheduling.Slots;
using Broadcast.Scheduling.Storage;
using Broadcast.Scheduling.Triggers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Broadcast.Scheduling.Hosting;

/// <summary>
/// Runs before Quartz starts (registration order): creates the scheduler's tables, settles what the last run left
/// (claims of a crash become failed, slots that fell due while the controller was down and are past their grace
/// window become missed), restores triggers a schedule lacks, then sweeps every <see cref="SchedulingOptions.SweepInterval"/>.
/// Slots still inside their grace window are left to the late firing Quartz makes when it starts (misfire: fire once now).
/// </summary>
internal sealed class ScheduleStartup(
    ScheduleDatabase database,
    ScheduleRepository schedules,
    SlotLedger ledger,
    SlotRunner runner,
    IScheduleTriggers triggers,
    HostUptime uptime,
    TimeProvider time,
    IOptions<SchedulingOptions> options,
    ILogger<ScheduleStartup> logger) : IHostedService, IAsyncDisposable
{
    // A node of a cluster may be starting a slot right now: only claims older than any start can take are stale.
    private static readonly TimeSpan ClusterStaleClaim = TimeSpan.FromHours(1);

    private readonly CancellationTokenSource _stopping = new();
    private ITimer? _timer;
    private Task _sweep = Task.CompletedTask;
    private int _sweeping;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        database.EnsureSchema();
        var o = options.Value;
        var claimedBefore = o.Clustered ? uptime.StartedUtc - ClusterStaleClaim : DateTimeOffset.MaxValue;
        var failed = ledger.FailStaleClaims(claimedBefore, time.GetUtcNow(), "the controller stopped while starting this slot; it is not started again (a slot never airs twice)");
        if (failed > 0)
        {
            SchedulingLog.StaleClaimsFailed(logger, failed);
        }

        var active = schedules.Active();
        await SweepAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        foreach (var schedule in active)
        {
            // A store that lost a job (restored from another backup, or created before a crash mid-add) gets it back.
            if (OccurrencePlan.For(schedule).After(now).Any() && !await triggers.IsScheduledAsync(schedule.Id, cancellationToken).ConfigureAwait(false))
            {
                await triggers.ScheduleAsync(schedule, now, cancellationToken).ConfigureAwait(false);
                SchedulingLog.TriggersRestored(logger, schedule.Id, schedule.Name);
            }
        }

        SchedulingLog.SchedulerReady(logger, active.Count, database.Location, o.TimeZone, o.DefaultGraceWindow);
        _timer = time.CreateTimer(_ => OnTimer(), null, o.SweepInterval, o.SweepInterval);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_timer is not null)
        {
            await _timer.DisposeAsync().ConfigureAwait(false);
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await _sweep.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public async ValueTask DisposeAsync()
    {
        if (_timer is not null)
        {
            await _timer.DisposeAsync().ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    /// <summary>Settles what is past its grace window in every active schedule (<see cref="SlotRunMode.Sweep"/>).</summary>
    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        foreach (var schedule in schedules.Active())
        {
            await runner.ProcessAsync(schedule.Id, SlotRunMode.Sweep, cancellationToken).ConfigureAwait(false);
        }
    }

    private void OnTimer()
    {
        // One sweep at a time; a slow database makes the next tick skip rather than pile up.
        if (Interlocked.Exchange(ref _sweeping, 1) == 1)
        {
            return;
        }

        _sweep = SweepOnTimerAsync();
    }

    private async Task SweepOnTimerAsync()
    {
        try
        {
            await SweepAsync(_stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The timer thread has no caller to throw to: log it; the next tick tries again.
            SchedulingLog.SweepFailed(logger, ex, options.Value.SweepInterval);
        }
        finally
        {
            Volatile.Write(ref _sweeping, 0);
        }
    }
}
