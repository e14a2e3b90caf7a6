using System.Collections.Concurrent;
using Broadcast.Scheduling.Slots;

namespace Broadcast.Scheduling.Tests.Support;

/// <summary>Records every slot it is asked to play, with the clock's time at the call, and answers as told.</summary>
internal sealed class FakeSlotPlayer(TimeProvider time) : ISlotPlayer, IDisposable
{
    private readonly SemaphoreSlim _played = new(0);
    private long _nextId = 100;

    public ConcurrentQueue<(SlotPlayRequest Request, DateTimeOffset At)> Calls { get; } = new();

    /// <summary>Decides the answer; default: started, with a new broadcast id.</summary>
    public Func<SlotPlayRequest, Task<SlotPlayResult>>? Answer { get; set; }

    public async Task<SlotPlayResult> PlayAsync(SlotPlayRequest request, CancellationToken cancellationToken)
    {
        Calls.Enqueue((request, time.GetUtcNow()));
        _played.Release();
        return Answer is { } answer ? await answer(request) : SlotPlayResult.Started(Interlocked.Increment(ref _nextId), 3, 0);
    }

    /// <summary>Waits (real time, bounded) until <paramref name="count"/> calls have been made; false on timeout.</summary>
    public async Task<bool> WaitForCallsAsync(int count, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (Calls.Count < count)
            {
                await _played.WaitAsync(cts.Token);
            }

            return true;
        }
        catch (OperationCanceledException)
        {
            return Calls.Count >= count;
        }
    }

    public void Dispose() => _played.Dispose();
}
