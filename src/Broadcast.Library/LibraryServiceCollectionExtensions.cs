using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Broadcast.Library;

public static class LibraryServiceCollectionExtensions
{
    /// <summary>Registers the Library services; called by the server's composition root.</summary>
    public static IServiceCollection AddBroadcastLibrary(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services;
    }
}
