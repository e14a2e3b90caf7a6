using Broadcast.Controller.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Broadcast.Controller.Registry;

/// <summary>
/// Notices changes of <c>DataDir/endpoints.json</c> made by other processes (<c>bcast endpoint revoke</c>,
/// <c>provision</c>) while the controller runs, so that a revocation takes effect at once (protocol section 10):
/// a <see cref="FileSystemWatcher"/> signals, and a check every <see cref="ControllerOptions.RegistryCheckInterval"/>
/// compares the file's size and write time as a fallback. Both wait <see cref="ControllerOptions.RegistryDebounce"/>
/// of quiet first, so a burst of events (write, rename) reads the file once. All waiting runs on the injected clock.
/// </summary>
internal sealed class RegistryWatcher(EndpointRevocation revocation, IOptions<ControllerOptions> options, TimeProvider time, ILogger<RegistryWatcher> logger)
    : BackgroundService
{
    private const string WatcherTrigger = "endpoints.json changed (file watcher)";
    private const string PeriodicTrigger = "endpoints.json changed (periodic check)";

    private readonly string _path = revocation.RegistryPath;
    private TaskCompletionSource _changed = NewSignal();
    private FileStamp? _stamp;
    private int _reloads;

    /// <summary>How many times the file was re-read.</summary>
    public int Reloads => Volatile.Read(ref _reloads);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        _stamp = FileStamp.Of(_path);
        using var watcher = StartWatcher(o.RegistryCheckInterval);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var signal = Volatile.Read(ref _changed).Task;
                using var tickCancel = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var tick = Task.Delay(o.RegistryCheckInterval, time, tickCancel.Token);
                var first = await Task.WhenAny(signal, tick).ConfigureAwait(false);
                await tickCancel.CancelAsync().ConfigureAwait(false);
                stoppingToken.ThrowIfCancellationRequested();
                if (first == signal)
                {
                    await DebounceAsync(o.RegistryDebounce, stoppingToken).ConfigureAwait(false);
                    Reload(WatcherTrigger);
                }
                else if (FileStamp.Of(_path) != _stamp)
                {
                    await DebounceAsync(o.RegistryDebounce, stoppingToken).ConfigureAwait(false);
                    Reload(PeriodicTrigger);
                }
                else
                {
                    // Unchanged file; revocations another reader brought into memory are still carried out.
                    revocation.Reconcile("registry re-read elsewhere (periodic check)");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown.
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Waits until no event has arrived for <paramref name="quiet"/> (at most a few rounds); events meanwhile fold into one read.</summary>
    private async Task DebounceAsync(TimeSpan quiet, CancellationToken cancellationToken)
    {
        for (var round = 0; round < 10; round++)
        {
            var fresh = NewSignal();
            Volatile.Write(ref _changed, fresh);
            await Task.Delay(quiet, time, cancellationToken).ConfigureAwait(false);
            if (!fresh.Task.IsCompleted)
            {
                return;
            }
        }
    }

    private void Reload(string trigger)
    {
        var stamp = FileStamp.Of(_path);
        if (revocation.Reload(trigger))
        {
            _stamp = stamp;
            Interlocked.Increment(ref _reloads);
        }
        else
        {
            _stamp = null; // Unreadable (half-edited by hand?): the next periodic check tries again.
        }
    }

    private FileSystemWatcher? StartWatcher(TimeSpan interval)
    {
        var directory = Path.GetDirectoryName(_path)!;
        var name = Path.GetFileName(_path);
        try
        {
            Directory.CreateDirectory(directory);
            var watcher = new FileSystemWatcher(directory)
            {
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
                IncludeSubdirectories = false,
            };
            // No Filter: the registry is saved by renaming a temporary file over it, so match the new name ourselves.
            FileSystemEventHandler changed = (_, e) =>
            {
                if (string.Equals(e.Name, name, StringComparison.Ordinal))
                {
                    Volatile.Read(ref _changed).TrySetResult();
                }
            };
            watcher.Changed += changed;
            watcher.Created += changed;
            watcher.Deleted += changed;
            watcher.Renamed += (_, e) =>
            {
                if (string.Equals(e.Name, name, StringComparison.Ordinal) || string.Equals(e.OldName, name, StringComparison.Ordinal))
                {
                    Volatile.Read(ref _changed).TrySetResult();
                }
            };
            watcher.Error += (_, e) => ControllerLog.RegistryWatchFailed(logger, _path, e.GetException().Message, interval);
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or PlatformNotSupportedException or UnauthorizedAccessException)
        {
            ControllerLog.RegistryWatchFailed(logger, _path, ex.Message, interval);
            return null;
        }
    }

    /// <summary>Size and last write time of the file (null fields: missing).</summary>
    private readonly record struct FileStamp(long Length, DateTime LastWriteUtc)
    {
        public static FileStamp? Of(string path)
        {
            try
            {
                var info = new FileInfo(path);
                return info.Exists ? new FileStamp(info.Length, info.LastWriteTimeUtc) : null;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }
    }
}
