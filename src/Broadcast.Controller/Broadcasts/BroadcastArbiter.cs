namespace Broadcast.Controller.Broadcasts;

/// <summary>
/// Decides, per endpoint, which broadcast plays. Pure and single-threaded (the caller locks): a strictly higher
/// priority preempts and the preempted claim waits underneath; an equal or lower priority is refused with a reason
/// (first come, first served); when the holder ends, the highest waiting claim (earliest on ties) resumes.
/// </summary>
internal sealed class BroadcastArbiter
{
    private readonly Dictionary<string, List<Claim>> _claims = new(StringComparer.Ordinal);
    private long _sequence;

    /// <summary>The broadcast playing on <paramref name="endpointId"/>, or null.</summary>
    public long? ActiveOn(string endpointId) =>
        _claims.TryGetValue(endpointId, out var list) && list.Count > 0 ? list[0].Broadcast : null;

    public ArbitrationResult Request(long broadcast, BroadcastPriority priority, IEnumerable<string> endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var granted = new List<Grant>();
        var refused = new List<Refusal>();
        var sequence = ++_sequence;
        foreach (var endpoint in endpoints)
        {
            if (!_claims.TryGetValue(endpoint, out var list))
            {
                list = [];
                _claims[endpoint] = list;
            }

            if (list.Count == 0)
            {
                list.Add(new Claim(broadcast, priority, sequence));
                granted.Add(new Grant(endpoint, null));
                continue;
            }

            var holder = list[0];
            if (priority > holder.Priority)
            {
                list.Insert(0, new Claim(broadcast, priority, sequence));
                granted.Add(new Grant(endpoint, holder.Broadcast));
                continue;
            }

            var reason = priority == holder.Priority
                ? $"endpoint {endpoint} already plays broadcast {holder.Broadcast} at the same priority ({holder.Priority}); first come, first served"
                : $"endpoint {endpoint} plays broadcast {holder.Broadcast} at {holder.Priority} priority, higher than {priority}";
            refused.Add(new Refusal(endpoint, holder.Broadcast, holder.Priority, reason));
        }

        return new ArbitrationResult(granted, refused);
    }

    /// <summary>Removes every claim of <paramref name="broadcast"/>; lists what now plays where it was active.</summary>
    public IReadOnlyList<Resumption> Release(long broadcast)
    {
        var changes = new List<Resumption>();
        foreach (var (endpoint, list) in _claims)
        {
            var index = list.FindIndex(c => c.Broadcast == broadcast);
            if (index < 0)
            {
                continue;
            }

            list.RemoveAt(index);
            if (index == 0)
            {
                // The waiting claims stay sorted: inserted at the top only when strictly higher than the top.
                changes.Add(new Resumption(endpoint, list.Count > 0 ? list[0].Broadcast : null));
            }
        }

        return changes;
    }

    private readonly record struct Claim(long Broadcast, BroadcastPriority Priority, long Sequence);
}
