using Microsoft.Extensions.Logging;

namespace Broadcast.Protocol.Lab;

/// <summary>Logs a warning at start and then every <see cref="LabModePolicy.WarningInterval"/> while lab mode is on.</summary>
public sealed class LabModeWarner : IDisposable
{
    private readonly ITimer _timer;

    /// <summary>Starts warning at once.</summary>
    public LabModeWarner(ILogger logger, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(time);
        _timer = time.CreateTimer(static state => LabModeLog.LabModeOn((ILogger)state!), logger, TimeSpan.Zero, LabModePolicy.WarningInterval);
    }

    /// <inheritdoc />
    public void Dispose() => _timer.Dispose();
}
