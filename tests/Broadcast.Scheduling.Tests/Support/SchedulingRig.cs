using Broadcast.Audit;
using Broadcast.Controller.Topology;
using Broadcast.Library;
using Broadcast.Scheduling.Schedules;
using Broadcast.Scheduling.Slots;
using Broadcast.Scheduling.Storage;
using Broadcast.Scheduling.Triggers;
using Broadcast.Tests.Common;
using Broadcast.Topology;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Broadcast.Scheduling.Tests.Support;

/// <summary>
/// The scheduler as the server composes it (<c>AddBroadcastScheduling</c>, Quartz on SQLite in a data directory),
/// with a fake player, an in-memory audit trail, a small programme library and the Bát Xát topology. Not started
/// unless a test starts it: runner and service tests drive the pieces directly; Quartz tests start the host.
/// </summary>
internal sealed class SchedulingRig : IAsyncDisposable
{
    public const string Programme = "news-1";
    public const string SecondProgramme = "news-2";

    private static readonly Lazy<TopologyIndex> BatXat = new(() => new TopologyIndex(TopologyLoader.Load(RepoPaths.BatXatTopology), RepoPaths.BatXatTopology));

    private readonly IHost _host;
    private bool _started;

    public SchedulingRig(string dataDir, TimeProvider time, IReadOnlyDictionary<string, string?>? settings = null, HostUptime? uptime = null, IScheduleTriggers? triggers = null)
    {
        Time = time;
        Player = new FakeSlotPlayer(time);
        Audit = new FakeAuditTrail(time);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var config = new Dictionary<string, string?>
        {
            ["Controller:DataDir"] = dataDir,
            // A fake clock jumps hours at a time; the safety-net sweep need not run every simulated minute.
            ["Scheduling:SweepInterval"] = "01:00:00",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            config[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(config);
        builder.Services.AddLogging();
        builder.Services.AddSingleton(time);
        builder.Services.AddSingleton<ISlotPlayer>(Player);
        builder.Services.AddSingleton<IAuditTrail>(Audit);
        builder.Services.AddSingleton<IProgrammeCatalog>(new FakeCatalog(Programme, SecondProgramme));
        builder.Services.AddSingleton(BatXat.Value);
        if (uptime is not null)
        {
            builder.Services.AddSingleton(uptime);
        }

        if (triggers is not null)
        {
            builder.Services.AddSingleton(triggers);
        }

        builder.Services.AddBroadcastScheduling(builder.Configuration);
        _host = builder.Build();
    }

    public TimeProvider Time { get; }

    public FakeSlotPlayer Player { get; }

    public FakeAuditTrail Audit { get; }

    public IServiceProvider Services => _host.Services;

    public ScheduleService Schedules => Get<ScheduleService>();

    public SlotRunner Runner => Get<SlotRunner>();

    public SlotLedger Ledger => Get<SlotLedger>();

    public T Get<T>()
        where T : notnull => _host.Services.GetRequiredService<T>();

    public async Task StartAsync()
    {
        await _host.StartAsync();
        _started = true;
    }

    /// <summary>A graceful stop (Quartz waits for running jobs); a crash is what the process restart test does.</summary>
    public async Task StopAsync()
    {
        if (_started)
        {
            _started = false;
            await _host.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _host.Dispose();
        Player.Dispose();
        Audit.Dispose();
    }
}
