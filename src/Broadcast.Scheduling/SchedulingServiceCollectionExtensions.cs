using Broadcast.Library;
using Broadcast.Scheduling.Definitions;
using Broadcast.Scheduling.Hosting;
using Broadcast.Scheduling.Programmes;
using Broadcast.Scheduling.Schedules;
using Broadcast.Scheduling.Slots;
using Broadcast.Scheduling.Storage;
using Broadcast.Scheduling.Targets;
using Broadcast.Scheduling.Triggers;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Broadcast.Scheduling;

public static class SchedulingServiceCollectionExtensions
{
    /// <summary>The key of the data directory shared with the controller; the SQLite store lives there by default.</summary>
    public const string DataDirKey = "Controller:DataDir";

    /// <summary>
    /// Registers the scheduler; called by the server's composition root after the controller (whose broadcast manager
    /// and topology it uses). <see cref="SchedulingOptions"/> (section <c>Scheduling</c>, validated at start), the
    /// schedule store, Quartz with its persistent job store and hosted service, and <see cref="IProgrammeUsage"/>.
    /// Tests may register their own <c>ISlotPlayer</c>, <c>ITargetDirectory</c> or <see cref="TimeProvider"/> first.
    /// </summary>
    public static IServiceCollection AddBroadcastScheduling(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SchedulingOptions>()
            .BindConfiguration(SchedulingOptions.Section)
            .PostConfigure(o =>
            {
                if (o.Store == ScheduleStoreKind.Sqlite && string.IsNullOrWhiteSpace(o.ConnectionString))
                {
                    var dataDir = configuration[DataDirKey] is { Length: > 0 } dir ? dir : "data";
                    o.ConnectionString = new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(Path.Combine(dataDir, "schedule.db")) }.ToString();
                }
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SchedulingOptions>, SchedulingOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SchedulingOptions>, SchedulingPolicyValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new HostUptime(sp.GetRequiredService<TimeProvider>().GetUtcNow()));
        services.TryAddSingleton<ScheduleDatabase>();
        services.TryAddSingleton<ScheduleRepository>();
        services.TryAddSingleton<SlotLedger>();
        services.TryAddSingleton<ITargetDirectory, TopologyTargetDirectory>();
        services.TryAddSingleton<ISlotPlayer, BroadcastSlotPlayer>();
        services.TryAddSingleton<ProgrammeLookup>();
        services.TryAddSingleton<ScheduleRequestValidator>();
        services.TryAddSingleton<SlotReporter>();
        services.TryAddSingleton<SlotRunner>();
        services.TryAddSingleton<IScheduleTriggers, QuartzScheduleTriggers>();
        services.TryAddSingleton<ScheduleService>();
        services.TryAddSingleton<SlotCalendar>();
        services.TryAddSingleton<IProgrammeUsage, ProgrammeUsage>();

        // Quartz's own start-up lines are many and at Information; its warnings and errors still show. A filter added
        // here would outrank the configuration's, so it is added only when the configuration says nothing about Quartz.
        if (configuration["Logging:LogLevel:Quartz"] is null)
        {
            services.AddLogging(b => b.AddFilter("Quartz", LogLevel.Warning));
        }

        // Start order = registration order: the start-up settles the ledger and triggers before Quartz fires anything.
        services.AddHostedService<ScheduleStartup>();
        var settings = configuration.GetSection(SchedulingOptions.Section).Get<SchedulingOptions>() ?? new SchedulingOptions();
        services.AddSlotScheduler(settings);
        return services;
    }
}
