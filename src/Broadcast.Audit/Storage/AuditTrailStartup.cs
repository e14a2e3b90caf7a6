using Microsoft.Extensions.Hosting;

namespace Broadcast.Audit.Storage;

/// <summary>
/// Opens the trail while the host starts, so that a bad <c>Audit:Path</c> or an unreadable file stops the controller
/// at once with the file named, instead of failing the first broadcast's audit entry hours later.
/// </summary>
internal sealed class AuditTrailStartup(SqliteAuditTrail trail) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = trail.Path;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
