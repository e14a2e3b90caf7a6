using Broadcast.Controller.Hosting;
using Broadcast.Controller.Sessions;
using Broadcast.Monitoring.Alerts;
using Broadcast.Monitoring.Book;
using Broadcast.Monitoring.Conditions;
using Broadcast.Monitoring.Hosting;
using Broadcast.Monitoring.Notifications;
using Broadcast.Monitoring.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Broadcast.Monitoring;

public static class MonitoringServiceCollectionExtensions
{
    /// <summary>The alert database's file name inside <c>Controller:DataDir</c>.</summary>
    public const string DatabaseFileName = "alerts.db";

    /// <summary>
    /// Registers the monitor; called by the server's composition root after the controller and the audit trail, which
    /// it reads. <see cref="MonitoringOptions"/> (section <c>Monitoring</c>, validated at start), the alert book in
    /// <c>{Controller:DataDir}/alerts.db</c>, <see cref="IAlertBoard"/> for the API, the poll loop and the webhook
    /// sender. Tests may register their own <see cref="TimeProvider"/> first.
    /// </summary>
    public static IServiceCollection AddBroadcastMonitoring(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<MonitoringOptions>().BindConfiguration(MonitoringOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MonitoringOptions>, MonitoringOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MonitoringOptions>, WebhookUrlValidator>());
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<MonitoringOptions>>().Value);
        services.TryAddSingleton(TimeProvider.System);

        // The control plane counts into it; registered here too so the monitor has it whatever the order.
        services.TryAddSingleton<SecurityEventCounter>();

        // The sender's own timeout (on the injected clock) governs each POST; the factory's loggers would write the
        // full URL, whose path often carries the receiver's token, to the log.
        services.AddHttpClient(WebhookSender.ClientName, c => c.Timeout = Timeout.InfiniteTimeSpan).RemoveAllLoggers();

        services.TryAddSingleton(sp =>
        {
            var dataDir = sp.GetRequiredService<IOptions<ControllerOptions>>().Value.DataDir;
            return new AlertBook(new AlertStore(Path.Combine(dataDir, DatabaseFileName)));
        });
        services.TryAddSingleton<SessionTableProbe>();
        services.TryAddSingleton<WebhookSender>();
        services.TryAddSingleton<AlertMonitor>();
        services.TryAddSingleton<AlertBoard>();
        services.TryAddSingleton<IAlertBoard>(sp => sp.GetRequiredService<AlertBoard>());

        services.AddHostedService(sp => sp.GetRequiredService<WebhookSender>());
        services.AddHostedService<MonitorService>();
        return services;
    }
}
