using Microsoft.Extensions.Options;

namespace Broadcast.Scheduling.Hosting;

/// <summary>The rules data annotations cannot say: the time zone exists here, PostgreSQL has a connection string, a cluster shares a server database.</summary>
internal sealed class SchedulingPolicyValidator : IValidateOptions<SchedulingOptions>
{
    public ValidateOptionsResult Validate(string? name, SchedulingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.TimeZone) && !TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out _))
        {
            failures.Add($"Scheduling:TimeZone '{options.TimeZone}' is not a time zone known to this machine (use an IANA id such as Asia/Ho_Chi_Minh; is tzdata installed?)");
        }

        if (options.Store == ScheduleStoreKind.PostgreSql && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add("Scheduling:ConnectionString is required when Scheduling:Store is PostgreSql (e.g. Host=db;Database=bcast;Username=bcast;Password=...)");
        }

        if (options.Clustered && options.Store != ScheduleStoreKind.PostgreSql)
        {
            failures.Add("Scheduling:Clustered needs Scheduling:Store = PostgreSql: controllers on several machines cannot share one SQLite file");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
