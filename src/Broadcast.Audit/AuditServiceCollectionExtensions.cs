using Broadcast.Audit.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Broadcast.Audit;

public static class AuditServiceCollectionExtensions
{
    /// <summary>The key of the data directory shared with the controller; the trail lives there unless <c>Audit:Path</c> says otherwise.</summary>
    public const string DataDirKey = "Controller:DataDir";

    /// <summary>
    /// Registers the Audit services; called by the server's composition root: <see cref="AuditOptions"/> (section
    /// <c>Audit</c>, validated on start), and one <see cref="SqliteAuditTrail"/> serving <see cref="IAuditTrail"/> and
    /// <see cref="IAuditVerifier"/>, opened while the host starts.
    /// </summary>
    public static IServiceCollection AddBroadcastAudit(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<AuditOptions>().BindConfiguration(AuditOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuditOptions>, AuditOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<AuditOptions>>().Value;
            return new SqliteAuditTrail(
                options.ResolvePath(configuration[DataDirKey]),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetService<ILogger<SqliteAuditTrail>>(),
                options.BusyTimeout);
        });
        services.TryAddSingleton<IAuditTrail>(sp => sp.GetRequiredService<SqliteAuditTrail>());
        services.TryAddSingleton<IAuditVerifier>(sp => sp.GetRequiredService<SqliteAuditTrail>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, AuditTrailStartup>());
        return services;
    }
}
