using Broadcast.Scheduling.Hosting;
using Broadcast.Scheduling.Slots;
using Broadcast.Scheduling.Storage;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using SchedulingOptions = Broadcast.Scheduling.Hosting.SchedulingOptions;

namespace Broadcast.Scheduling.Triggers;

/// <summary>Quartz with its ADO.NET job store in the scheduler's database, and its hosted service.</summary>
internal static class QuartzRegistration
{
    /// <summary>Every controller of a cluster runs a scheduler of this name; Quartz tells them apart by instance id.</summary>
    public const string SchedulerName = "bcast-scheduler";

    public static IServiceCollection AddSlotScheduler(this IServiceCollection services, SchedulingOptions settings)
    {
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o =>
            {
                o.InstanceName = SchedulerName;
                if (!string.Equals(settings.InstanceId, SchedulingOptions.AutoInstanceId, StringComparison.OrdinalIgnoreCase))
                {
                    o.InstanceId = settings.InstanceId;
                }
            });
            q.AddJobType<SlotJob>();
            q.UsePersistentStore(store =>
            {
                // Quartz owns and disposes the data source it is given, so it gets its own over the same database.
                if (settings.Store == ScheduleStoreKind.PostgreSql)
                {
                    store.UsePostgres(o => o.DataSourceFactory = sp => sp.GetRequiredService<ScheduleDatabase>().CreateDataSource());
                }
                else
                {
                    store.UseSqlite(o => o.DataSourceFactory = sp => sp.GetRequiredService<ScheduleDatabase>().CreateDataSource());
                }

                // Quartz 4.7 creates its QRTZ_ tables when they are missing and validates them on every start.
                store.ProvisionSchema();
                // The only job data is the schedule id: stored as text, readable in the database, version tolerant.
                store.ConfigureStore(o => o.StoreJobDataAsStrings = true);
                if (settings.Clustered)
                {
                    store.UseClustering(_ => { });
                }
            });
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
    }
}
