using System.Collections.Concurrent;
using Broadcast.Audit;

namespace Broadcast.Scheduling.Tests.Support;

/// <summary>An in-memory audit trail; signals each append so tests can wait for a slot to be settled.</summary>
internal sealed class FakeAuditTrail(TimeProvider time) : IAuditTrail, IDisposable
{
    private readonly SemaphoreSlim _appended = new(0);
    private long _sequence;

    public ConcurrentQueue<AuditEntry> Entries { get; } = new();

    public IReadOnlyList<AuditEntry> Of(string action) => [.. Entries.Where(e => e.Action == action)];

    public AuditEntry Append(AuditEvent auditEvent)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        var entry = new AuditEntry(Interlocked.Increment(ref _sequence), time.GetUtcNow(), auditEvent.Actor, auditEvent.Action, auditEvent.Subject, auditEvent.Result,
            auditEvent.Targets ?? [], auditEvent.Communes ?? [], auditEvent.Detail);
        Entries.Enqueue(entry);
        _appended.Release();
        return entry;
    }

    public IReadOnlyList<AuditEntry> Query(AuditQuery query) => [.. Entries];

    /// <summary>Waits (real time, bounded) until the trail holds <paramref name="count"/> entries matching <paramref name="match"/>.</summary>
    public async Task<bool> WaitForAsync(Func<AuditEntry, bool> match, int count, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (Entries.Count(match) < count)
            {
                await _appended.WaitAsync(cts.Token);
            }

            return true;
        }
        catch (OperationCanceledException)
        {
            return Entries.Count(match) >= count;
        }
    }

    public void Dispose() => _appended.Dispose();
}
