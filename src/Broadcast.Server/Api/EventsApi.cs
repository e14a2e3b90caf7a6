using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Broadcast.Controller.Broadcasts;
using Broadcast.Controller.Sessions;
using Broadcast.Controller.Topology;
using Broadcast.Protocol.Control;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Broadcast.Server.Api;

/// <summary>
/// <c>GET /api/events</c>: server-sent events for the web console's live views (docs/console.md). On connect:
/// <c>district</c> (communes, hamlets and their clusters, once), then <c>endpoints</c> (every cluster's state) and
/// <c>broadcasts</c> (active broadcasts with delivery totals). Afterwards, checked once a second, only what changed:
/// <c>endpoints-delta</c> (the clusters whose state changed) or a full <c>endpoints</c> for a client that fell behind,
/// and <c>broadcasts</c>. A comment line every 15 quiet seconds keeps proxies from closing the stream.
/// </summary>
internal static partial class EventsApi
{
    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        var services = app.ServiceProvider;
        var feed = new LiveFeed(
            services.GetRequiredService<SessionTable>(),
            services.GetRequiredService<BroadcastManager>(),
            services.GetRequiredService<TopologyIndex>(),
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions,
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(EventsApi)));
        var lifetime = services.GetRequiredService<IHostApplicationLifetime>();
        lifetime.ApplicationStarted.Register(feed.Start);
        lifetime.ApplicationStopping.Register(feed.Dispose);
        app.MapGet("/api/events", (HttpContext context) => StreamAsync(context, feed))
            .WithTags("Events")
            .WithSummary("Live console feed (text/event-stream): district, endpoints, endpoints-delta, broadcasts");
        return app;
    }

    private static async Task StreamAsync(HttpContext context, LiveFeed feed)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache, no-store";
        // A reverse proxy in front of the controller must pass events on at once, not buffer them.
        response.Headers["X-Accel-Buffering"] = "no";
        var aborted = context.RequestAborted;
        using var subscription = feed.Subscribe();
        try
        {
            await response.Body.WriteAsync(feed.Preamble, aborted);
            long endpoints = -1, broadcasts = -1;
            var quietTicks = 0;
            await foreach (var frame in subscription.Frames.ReadAllAsync(aborted))
            {
                var wrote = false;
                if (frame.EndpointsVersion != endpoints)
                {
                    // A delta only fits a client that holds the version just before it; any other gets everything.
                    var bytes = frame.EndpointsDelta is { } delta && endpoints == frame.EndpointsVersion - 1 ? delta : frame.EndpointsFull;
                    await response.Body.WriteAsync(bytes, aborted);
                    endpoints = frame.EndpointsVersion;
                    wrote = true;
                }

                if (frame.BroadcastsVersion != broadcasts)
                {
                    await response.Body.WriteAsync(frame.Broadcasts, aborted);
                    broadcasts = frame.BroadcastsVersion;
                    wrote = true;
                }

                quietTicks = wrote ? 0 : quietTicks + 1;
                if (quietTicks >= LiveFeed.KeepAliveTicks)
                {
                    await response.Body.WriteAsync(LiveFeed.KeepAlive, aborted);
                    quietTicks = 0;
                    wrote = true;
                }

                if (wrote)
                {
                    await response.Body.FlushAsync(aborted);
                }
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The browser closed the page or lost the link: nothing to report.
        }
    }

    /// <summary>A cluster as the console's dashboard needs it: <c>state</c> is offline, online, playing or fault.</summary>
    internal sealed record LiveEndpoint(string Id, string Commune, string Hamlet, string State, uint Channel, int? LossPerTenThousand);

    /// <summary>
    /// An active broadcast with delivery totals (per-cluster figures: <c>GET /api/broadcasts/{id}</c>). <c>Receiving</c>
    /// counts the clusters in the broadcast that are online: an offline member stays in the channel, receiving nothing.
    /// </summary>
    internal sealed record LiveBroadcast(
        long Id, uint Channel, string Programme, string Target, string Priority, string State, double DurationSeconds, double? PositionSeconds,
        int Targets, int Receiving, int Refused, long PacketsSent, long SendErrors);

    internal sealed record LiveDistrict(string Id, string Name, IReadOnlyList<LiveCommune> Communes);

    internal sealed record LiveCommune(string Id, string Name, IReadOnlyList<LiveHamlet> Hamlets);

    internal sealed record LiveHamlet(string Id, string Name, IReadOnlyList<string> Clusters);

    /// <summary>What every subscriber is sent at one tick; the byte arrays are shared, formatted once.</summary>
    private sealed record LiveFrame(long EndpointsVersion, byte[] EndpointsFull, byte[]? EndpointsDelta, long BroadcastsVersion, byte[] Broadcasts);

    private sealed class Subscription(LiveFeed feed, Channel<LiveFrame> frames) : IDisposable
    {
        public ChannelReader<LiveFrame> Frames => frames.Reader;

        public void Offer(LiveFrame frame) => frames.Writer.TryWrite(frame);

        public void Complete() => frames.Writer.TryComplete();

        public void Dispose() => feed.Unsubscribe(this);
    }

    /// <summary>
    /// Builds one snapshot per second while anyone listens and hands the same formatted bytes to every subscriber.
    /// Each subscriber holds at most one pending frame (the newest): a slow link skips states, it never queues them.
    /// </summary>
    private sealed partial class LiveFeed(
        SessionTable sessions, BroadcastManager broadcasts, TopologyIndex topology, TimeProvider time, JsonSerializerOptions json, ILogger logger) : IDisposable
    {
        public const int KeepAliveTicks = 15;

        public static readonly byte[] KeepAlive = ": keep-alive\n\n"u8.ToArray();

        private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

        private readonly Lock _gate = new();
        private readonly CancellationTokenSource _stopping = new();
        private readonly List<Subscription> _subscribers = [];
        private Dictionary<string, LiveEndpoint> _endpoints = new(StringComparer.Ordinal);
        private byte[]? _broadcastsJson;
        private LiveFrame? _frame;
        private byte[]? _preamble;
        private bool _fresh;

        /// <summary>The reconnect delay for EventSource and the district, sent first on every connection.</summary>
        public byte[] Preamble => _preamble ??= [.. "retry: 3000\n\n"u8, .. Event("district", JsonSerializer.SerializeToUtf8Bytes(District(), json))];

        public void Start() => _ = RunAsync(_stopping.Token);

        public Subscription Subscribe()
        {
            var subscription = new Subscription(this, Channel.CreateBounded<LiveFrame>(new BoundedChannelOptions(1)
            {
                FullMode = BoundedChannelFullMode.DropOldest,
                SingleReader = true,
                SingleWriter = true,
            }));
            lock (_gate)
            {
                if (_stopping.IsCancellationRequested)
                {
                    subscription.Complete();
                    return subscription;
                }

                // Nobody listened, so the last frame may be old: a new subscriber gets the state of now.
                if (!_fresh || _frame is null)
                {
                    Refresh();
                }

                _subscribers.Add(subscription);
                subscription.Offer(_frame!);
            }

            return subscription;
        }

        public void Unsubscribe(Subscription subscription)
        {
            lock (_gate)
            {
                _subscribers.Remove(subscription);
                _fresh = _subscribers.Count > 0;
            }
        }

        public void Dispose()
        {
            lock (_gate)
            {
                if (_stopping.IsCancellationRequested)
                {
                    return;
                }

                _stopping.Cancel();
                foreach (var s in _subscribers)
                {
                    s.Complete();
                }
            }
        }

        private async Task RunAsync(CancellationToken cancellationToken)
        {
            try
            {
                using var timer = new PeriodicTimer(Tick, time);
                while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
                {
                    lock (_gate)
                    {
                        if (_subscribers.Count == 0)
                        {
                            continue;
                        }

                        Refresh();
                        foreach (var s in _subscribers)
                        {
                            s.Offer(_frame!);
                        }
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Host stopping.
            }
#pragma warning disable CA1031 // The feed is a view: a bug in it must be logged, never take the controller down.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                FeedFailed(logger, ex);
                Dispose();
            }
        }

        // Called under _gate: reads the controller's state once and formats what changed.
        private void Refresh()
        {
            var previous = _frame;
            var current = new Dictionary<string, LiveEndpoint>(StringComparer.Ordinal);
            var changed = new List<LiveEndpoint>();
            var all = new List<LiveEndpoint>();
            foreach (var record in sessions.All)
            {
                var e = ToLive(record);
                current[e.Id] = e;
                all.Add(e);
                if (!_endpoints.TryGetValue(e.Id, out var before) || before != e)
                {
                    changed.Add(e);
                }
            }

            var endpointsChanged = previous is null || changed.Count > 0 || current.Count != _endpoints.Count;
            // A delta lists changed clusters only; it cannot say that one went away (records are never removed today).
            var deltaFits = current.Count >= _endpoints.Count;
            _endpoints = current;
            var endpointsVersion = previous?.EndpointsVersion ?? 0;
            var full = previous?.EndpointsFull;
            byte[]? delta = null;
            if (endpointsChanged || full is null)
            {
                endpointsVersion++;
                full = Event("endpoints", JsonSerializer.SerializeToUtf8Bytes(new { version = endpointsVersion, items = all }, json));
                delta = previous is null || !deltaFits ? null : Event("endpoints-delta", JsonSerializer.SerializeToUtf8Bytes(new { version = endpointsVersion, items = changed }, json));
            }

            var broadcastsJson = JsonSerializer.SerializeToUtf8Bytes(broadcasts.List().Select(ToLive).ToList(), json);
            var broadcastsVersion = previous?.BroadcastsVersion ?? 0;
            var broadcastsEvent = previous?.Broadcasts;
            if (broadcastsEvent is null || _broadcastsJson is null || !broadcastsJson.AsSpan().SequenceEqual(_broadcastsJson))
            {
                broadcastsVersion++;
                broadcastsEvent = Event("broadcasts", broadcastsJson);
                _broadcastsJson = broadcastsJson;
            }

            _frame = new LiveFrame(endpointsVersion, full, delta, broadcastsVersion, broadcastsEvent);
            _fresh = true;
        }

        private LiveEndpoint ToLive(EndpointRecord r)
        {
            var status = r.LastStatus;
            var channel = broadcasts.ChannelOn(r.Id);
            var state = !r.Online ? "offline"
                : status?.State == EndpointState.Faulted ? "fault"
                : channel != 0 ? "playing"
                : "online";
            return new LiveEndpoint(r.Id, r.Commune, r.Hamlet, state, channel, status?.LossPerTenThousand);
        }

        private LiveBroadcast ToLive(BroadcastInfo b) => new(
            b.Id, b.Channel, b.Programme, b.Target, b.Priority, b.State, b.DurationSeconds, b.PositionSeconds,
            b.Targets.Count, b.Delivery.Count(d => d.Active && _endpoints.GetValueOrDefault(d.Endpoint)?.State is "online" or "playing"),
            b.Refused.Count, b.Delivery.Sum(d => d.PacketsSent), b.Delivery.Sum(d => d.SendErrors));

        private LiveDistrict District() => new(
            topology.Topology.District.Id,
            topology.Topology.District.Name,
            [.. topology.Topology.Communes.Select(c => new LiveCommune(c.Id, c.Name, [.. c.Hamlets.Select(h => new LiveHamlet(h.Id, h.Name, [.. h.Clusters.Select(k => k.Id)]))]))]);

        // JSON never holds a raw newline, so each event's data fits on one "data:" line (WHATWG HTML, 9.2.6).
        private static byte[] Event(string name, byte[] data) => [.. Encoding.UTF8.GetBytes($"event: {name}\ndata: "), .. data, .. "\n\n"u8];

        [LoggerMessage(7101, LogLevel.Error, "The console's live feed (GET /api/events) failed and was closed; consoles fall back to polling", EventName = "LiveFeedFailed")]
        private static partial void FeedFailed(ILogger logger, Exception exception);
    }
}
