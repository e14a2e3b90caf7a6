using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Broadcast.Scheduling;

public static class SchedulingServiceCollectionExtensions
{
    /// <summary>Registers the Scheduling services; called by the server's composition root.</summary>
    public static IServiceCollection AddBroadcastScheduling(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services;
    }
}
