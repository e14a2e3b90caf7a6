using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Broadcast.Audit;

public static class AuditServiceCollectionExtensions
{
    /// <summary>Registers the Audit services; called by the server's composition root.</summary>
    public static IServiceCollection AddBroadcastAudit(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services;
    }
}
