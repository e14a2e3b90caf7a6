using Broadcast.Audit;
using Broadcast.Controller.Broadcasts;
using Broadcast.Controller.Queue;
using Broadcast.Controller.Topology;
using Broadcast.Tests.Common;
using Broadcast.Topology;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Broadcast.Controller.Tests;

public sealed class PlayQueueTests : IDisposable
{
    private const string Town = "commune:Thị trấn Bát Xát";
    private static readonly TopologyIndex BatXat = new(TopologyLoader.Load(RepoPaths.BatXatTopology), "district.bat-xat.json");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 5, 0, 0, TimeSpan.FromHours(7)));
    private readonly FakeBroadcasts _broadcasts = new();
    private readonly RecordingAudit _audit = new();
    private readonly PlayQueue _queue;

    public PlayQueueTests()
    {
        _queue = new PlayQueue(_broadcasts, BatXat, _time, NullLogger<PlayQueue>.Instance, _audit);
    }

    public void Dispose() => _queue.Dispose();

    [Fact]
    public async Task Append_ToIdleQueue_StartsAtOnceAndLaterItemsWait()
    {
        await Add("news", QueuePosition.Append);
        var view = await Add("law", QueuePosition.Append);

        Assert.Equal(["news"], _broadcasts.Started.Select(r => r.Programme));
        Assert.Equal("news", view.NowPlaying!.Programme);
        Assert.Equal(["law"], view.Next.Select(i => i.Programme));
        Assert.Equal(Town, _broadcasts.Started[0].Target);
        Assert.StartsWith("queue:", _broadcasts.Started[0].Origin, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CurrentEnds_NextItemStarts()
    {
        await Add("news", QueuePosition.Append);
        await Add("law", QueuePosition.Append);

        _broadcasts.Finish(_broadcasts.Ids[0]);
        await _queue.Settled;

        Assert.Equal(["news", "law"], _broadcasts.Started.Select(r => r.Programme));
        var view = (await _queue.ListAsync(Town, default)).Single();
        Assert.Equal("law", view.NowPlaying!.Programme);
        Assert.Empty(view.Next);
    }

    [Fact]
    public async Task PlayNext_GoesBeforeAppendedItems()
    {
        await Add("news", QueuePosition.Append);
        await Add("law", QueuePosition.Append);
        var view = await Add("health", QueuePosition.Next);

        Assert.Equal(["health", "law"], view.Next.Select(i => i.Programme));
    }

    [Fact]
    public async Task PlayNow_StopsCurrentOnceAndStartsOnlyTheNewItem()
    {
        await Add("news", QueuePosition.Append);
        await Add("law", QueuePosition.Append);
        var view = await Add("emergency-drill", QueuePosition.Now);
        await _queue.Settled;

        Assert.Equal([_broadcasts.Ids[0]], _broadcasts.Stopped);
        Assert.Equal(["news", "emergency-drill"], _broadcasts.Started.Select(r => r.Programme));
        Assert.Equal("emergency-drill", view.NowPlaying!.Programme);
        Assert.Equal(["law"], view.Next.Select(i => i.Programme));
    }

    [Fact]
    public async Task Skip_StartsNextItem()
    {
        await Add("news", QueuePosition.Append);
        await Add("law", QueuePosition.Append);

        var result = await _queue.SkipAsync(Town, "op", default);
        await _queue.Settled;

        Assert.Equal(200, result.Status);
        Assert.Equal(["news", "law"], _broadcasts.Started.Select(r => r.Programme));
        Assert.Equal("law", result.Queue!.NowPlaying!.Programme);
    }

    [Fact]
    public async Task MoveAndRemove_ReorderWaitingItems()
    {
        await Add("news", QueuePosition.Append);
        await Add("a", QueuePosition.Append);
        await Add("b", QueuePosition.Append);
        var c = await Add("c", QueuePosition.Append);
        var idOfC = c.Next.Single(i => i.Programme == "c").Item;
        var idOfA = c.Next.Single(i => i.Programme == "a").Item;

        var moved = await _queue.MoveAsync(idOfC, 0, "op", default);
        Assert.Equal(["c", "a", "b"], moved.Queue!.Next.Select(i => i.Programme));

        var removed = await _queue.RemoveAsync(idOfA, "op", default);
        Assert.Equal(["c", "b"], removed.Queue!.Next.Select(i => i.Programme));

        Assert.Equal(400, (await _queue.MoveAsync(idOfC, 5, "op", default)).Status);
        Assert.Equal(404, (await _queue.RemoveAsync(idOfA, "op", default)).Status);
    }

    [Fact]
    public async Task StartTimes_FollowProgrammeDurations()
    {
        _broadcasts.Durations["news"] = 600;
        _broadcasts.Durations["law"] = 300;
        await Add("news", QueuePosition.Append);
        await Add("law", QueuePosition.Append);
        var view = await Add("health", QueuePosition.Append);

        var start = _time.GetUtcNow();
        Assert.Equal(start.AddSeconds(600), view.NowPlaying!.EndsAt);
        Assert.Equal(start.AddSeconds(600), view.Next[0].StartsAt);
        Assert.Equal(start.AddSeconds(900), view.Next[1].StartsAt);
    }

    [Fact]
    public async Task RefusedByHigherPriority_ItemWaitsAndStartsWhenThatEnds()
    {
        _broadcasts.RefuseNext = "a higher-priority broadcast holds the targets";
        var view = await Add("news", QueuePosition.Append);

        Assert.Null(view.NowPlaying);
        Assert.Contains("higher-priority", view.Waiting, StringComparison.Ordinal);
        Assert.Equal(["news"], view.Next.Select(i => i.Programme));

        _broadcasts.RaiseEnded(999, new BroadcastRequest("alert", "all", BroadcastPriority.Emergency));
        await _queue.Settled;

        view = (await _queue.ListAsync(Town, default)).Single();
        Assert.Equal("news", view.NowPlaying!.Programme);
        Assert.Null(view.Waiting);
    }

    [Fact]
    public async Task BadInput_NamesTheField()
    {
        var target = await _queue.AddAsync("commune:Atlantis", "news", BroadcastPriority.District, QueuePosition.Append, "op", default);
        Assert.Equal(400, target.Status);
        Assert.StartsWith("target:", target.Error, StringComparison.Ordinal);

        var programme = await _queue.AddAsync(Town, "missing-id", BroadcastPriority.District, QueuePosition.Append, "op", default);
        Assert.Equal(404, programme.Status);
        Assert.StartsWith("programme:", programme.Error, StringComparison.Ordinal);
        Assert.Empty(_broadcasts.Started);
    }

    [Fact]
    public async Task Changes_AreAudited_WithActorAndCommune()
    {
        await Add("news", QueuePosition.Append);
        var entry = Assert.Single(_audit.Events);
        Assert.Equal(AuditActions.QueueChange, entry.Action);
        Assert.Equal("op", entry.Actor);
        Assert.Equal(["Thị trấn Bát Xát"], entry.Communes);
    }

    private async Task<QueueView> Add(string programme, QueuePosition position)
    {
        var result = await _queue.AddAsync(Town, programme, BroadcastPriority.District, position, "op", default);
        Assert.True(result.Queue is not null, result.Error);
        return result.Queue;
    }

    private sealed class FakeBroadcasts : IQueueBroadcasts
    {
        private long _next = 100;

        public event Action<BroadcastEnded>? Ended;

        public List<BroadcastRequest> Started { get; } = [];

        public List<long> Ids { get; } = [];

        public List<long> Stopped { get; } = [];

        public Dictionary<string, double> Durations { get; } = [];

        public string? RefuseNext { get; set; }

        public Task<StartOutcome> StartBroadcastAsync(BroadcastRequest request, CancellationToken cancellationToken)
        {
            if (RefuseNext is { } reason)
            {
                RefuseNext = null;
                return Task.FromResult(StartOutcome.Fail(StartFailure.Refused, reason));
            }

            var id = ++_next;
            Started.Add(request);
            Ids.Add(id);
            var info = new BroadcastInfo(id, 1, request.Programme, request.Target, request.Priority.ToString(), Durations.GetValueOrDefault(request.Programme, 60), 0, [], [], []);
            return Task.FromResult(new StartOutcome(info, StartFailure.None, null));
        }

        public bool Stop(long id, string reason)
        {
            Stopped.Add(id);
            RaiseEnded(id, Started[Ids.IndexOf(id)]);
            return true;
        }

        public void Finish(long id) => RaiseEnded(id, Started[Ids.IndexOf(id)]);

        public void RaiseEnded(long id, BroadcastRequest request) =>
            Ended?.Invoke(new BroadcastEnded(id, request, "test", true, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, []));

        public double? DurationOf(string programme) => Durations.TryGetValue(programme, out var d) ? d : null;

        public bool Exists(string programme) => programme != "missing-id";
    }

    private sealed class RecordingAudit : IAuditTrail
    {
        public List<AuditEvent> Events { get; } = [];

        public AuditEntry Append(AuditEvent auditEvent)
        {
            Events.Add(auditEvent);
            return new AuditEntry(Events.Count, DateTimeOffset.UnixEpoch, auditEvent.Actor, auditEvent.Action, auditEvent.Subject, auditEvent.Result, auditEvent.Targets ?? [], auditEvent.Communes ?? [], auditEvent.Detail);
        }

        public IReadOnlyList<AuditEntry> Query(AuditQuery query) => [];
    }
}
