using Broadcast.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace Broadcast.Accounts.Hosting;

/// <summary>
/// Writes account events to the audit trail when one is registered (the trail is optional so the accounts work in a
/// host without it, as the broadcast manager does). A failing trail is not hidden: the exception reaches the caller.
/// </summary>
internal sealed class AccountsAudit(IServiceProvider services)
{
    private readonly IAuditTrail? _trail = services.GetService<IAuditTrail>();

    public void Record(string actor, string action, string subject, string result, string? detail = null) =>
        _trail?.Append(new AuditEvent(actor, action, subject, result, Detail: detail));
}
