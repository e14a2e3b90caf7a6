using Broadcast.Audit.Storage;
using Broadcast.Controller.Sessions;
using Broadcast.Controller.Topology;
using Broadcast.Monitoring.Alerts;
using Broadcast.Monitoring.Book;
using Broadcast.Monitoring.Conditions;
using Broadcast.Monitoring.Hosting;
using Broadcast.Monitoring.Notifications;
using Broadcast.Monitoring.Storage;
using Broadcast.Tests.Common;
using Broadcast.Topology;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Broadcast.Monitoring.Tests.Support;

/// <summary>
/// The monitor over a real session table of Bát Xát (every cluster online at the start), a real security counter,
/// a real audit trail and alert database in a temp directory, on a fake clock. Tests drive the polls themselves.
/// </summary>
internal sealed class MonitorRig : IDisposable
{
    public static readonly DateTimeOffset Start = new(2025, 6, 2, 1, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<TopologyIndex> BatXat = new(() => new TopologyIndex(TopologyLoader.Load(RepoPaths.BatXatTopology), RepoPaths.BatXatTopology));

    private readonly TempDirectory _dir = new();
    private readonly ServiceProvider _http = new ServiceCollection().AddHttpClient().BuildServiceProvider();

    public MonitorRig(Action<MonitoringOptions>? configure = null)
    {
        configure?.Invoke(Options);
        Sessions = new SessionTable(Topology);
        foreach (var record in Sessions.All)
        {
            record.Online = true;
            record.LastSeen = Start;
        }

        Audit = new SqliteAuditTrail(_dir.File("audit.db"), Time);
        Webhook = new WebhookSender(_http.GetRequiredService<IHttpClientFactory>(), Microsoft.Extensions.Options.Options.Create(Options), Time, WebhookLog);
        Open();
    }

    public FakeTimeProvider Time { get; } = new(Start);

    public MonitoringOptions Options { get; } = new();

    public static TopologyIndex Topology => BatXat.Value;

    public SessionTable Sessions { get; }

    public SecurityEventCounter Security { get; } = new();

    public SqliteAuditTrail Audit { get; }

    public WebhookSender Webhook { get; }

    public ListLogger<WebhookSender> WebhookLog { get; } = new();

    public AlertBook Book { get; private set; } = null!;

    public AlertMonitor Monitor { get; private set; } = null!;

    public AlertBoard Board { get; private set; } = null!;

    public string DatabasePath => _dir.File("alerts.db");

    /// <summary>The cluster ids of a commune, in topology order.</summary>
    public static IReadOnlyList<string> ClustersOf(string communeName) =>
        [.. Topology.Clusters.Where(p => p.Commune.Name == communeName).Select(p => p.Cluster.Id).Order(StringComparer.Ordinal)];

    public EndpointRecord Endpoint(string id) => Sessions.Find(id) ?? throw new InvalidOperationException($"no cluster {id} in Bát Xát");

    public void SetOffline(params string[] ids)
    {
        foreach (var id in ids)
        {
            Endpoint(id).Online = false;
        }
    }

    public void SetOnline(params string[] ids)
    {
        foreach (var id in ids)
        {
            var record = Endpoint(id);
            record.Online = true;
            record.LastSeen = Time.GetUtcNow();
        }
    }

    /// <summary>Advances the clock one poll interval and polls, <paramref name="polls"/> times.</summary>
    public void PollEvery(int polls)
    {
        for (var i = 0; i < polls; i++)
        {
            Time.Advance(Options.PollInterval);
            Monitor.Poll();
        }
    }

    /// <summary>Polls at each interval until (and including) <paramref name="at"/>.</summary>
    public void PollUntil(DateTimeOffset at)
    {
        while (Time.GetUtcNow() + Options.PollInterval <= at)
        {
            PollEvery(1);
        }
    }

    /// <summary>
    /// <see cref="PollEvery"/> for tests with a webhook: waits for the sender after each poll, so no POST is in flight
    /// while the fake clock jumps (its timeout runs on that clock and would fire at once in real terms).
    /// </summary>
    public async Task PollEveryAsync(int polls)
    {
        for (var i = 0; i < polls; i++)
        {
            PollEvery(1);
            await FlushWebhookAsync();
        }
    }

    public async Task PollUntilAsync(DateTimeOffset at)
    {
        while (Time.GetUtcNow() + Options.PollInterval <= at)
        {
            await PollEveryAsync(1);
        }
    }

    /// <summary>Every alert, resolved ones and group members included.</summary>
    public IReadOnlyList<AlertView> AllAlerts() =>
        [.. Board.List(new AlertListQuery(AlertStateFilter.All, Limit: AlertListQuery.MaxLimit)).SelectMany(a => a.Members is { } m ? m.Prepend(a) : [a])];

    /// <summary>Waits until the webhook sender has handled what was queued (30 s of real time at most, a safety net).</summary>
    public async Task FlushWebhookAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await Webhook.FlushAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail("webhook sender still busy after 30 s; its log:\n" + string.Join('\n', WebhookLog.Lines));
        }
    }

    /// <summary>Closes and reopens the alert database with a new monitor, as a controller restart does.</summary>
    public void Reopen()
    {
        Book.Dispose();
        Open();
    }

    public void Dispose()
    {
        Book.Dispose();
        Webhook.Dispose();
        Audit.Dispose();
        _http.Dispose();
        _dir.Dispose();
    }

    private void Open()
    {
        Book = new AlertBook(new AlertStore(DatabasePath));
        var probe = new SessionTableProbe(Sessions, Topology);
        Monitor = new AlertMonitor(Book, probe, Options, Webhook, Time, counter: Security, audit: Audit);
        Board = new AlertBoard(Book, Topology, Time, audit: Audit);
    }
}
