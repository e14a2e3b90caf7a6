using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Broadcast.Controller.Queue;

internal static class QueueServiceCollectionExtensions
{
    public static IServiceCollection AddPlayQueue(this IServiceCollection services)
    {
        services.TryAddSingleton<IQueueBroadcasts, ManagerQueueBroadcasts>();
        services.TryAddSingleton<PlayQueue>();
        return services;
    }
}
