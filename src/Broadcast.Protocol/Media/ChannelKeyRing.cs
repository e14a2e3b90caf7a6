using Broadcast.Protocol.Crypto;

namespace Broadcast.Protocol.Media;

/// <summary>
/// Controller side key management of one channel: the current and previous <see cref="ChannelKey"/>, the
/// members that may receive them, a rekey schedule (default every 10 minutes) and immediate rekey on revocation.
/// After <see cref="Revoke"/>, the caller seals with the new key and wraps it only for <see cref="Members"/>;
/// the revoked endpoint holds no key that opens anything sealed afterwards.
/// </summary>
/// <remarks>Not thread-safe: owned by the channel's streaming loop.</remarks>
public sealed class ChannelKeyRing : IDisposable
{
    /// <summary>Default rekey interval.</summary>
    public static readonly TimeSpan DefaultRekeyInterval = TimeSpan.FromMinutes(10);

    private readonly TimeProvider _time;
    private readonly IRandomSource _random;
    private readonly HashSet<string> _members = new(StringComparer.Ordinal);
    private DateTimeOffset _createdAt;

    /// <summary>Creates the ring with a first key (key id 1).</summary>
    public ChannelKeyRing(uint channelId, TimeProvider time, TimeSpan? rekeyInterval = null, IRandomSource? random = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        var interval = rekeyInterval ?? DefaultRekeyInterval;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero, nameof(rekeyInterval));
        ChannelId = channelId;
        RekeyInterval = interval;
        _time = time;
        _random = random ?? SystemRandomSource.Instance;
        Current = ChannelKey.Create(channelId, 1, _random);
        _createdAt = time.GetUtcNow();
    }

    /// <summary>Channel id.</summary>
    public uint ChannelId { get; }

    /// <summary>Rekey period.</summary>
    public TimeSpan RekeyInterval { get; }

    /// <summary>Key sealing new packets.</summary>
    public ChannelKey Current { get; private set; }

    /// <summary>Key before the last rekey (kept so that it can be disposed later, never used for sealing).</summary>
    public ChannelKey? Previous { get; private set; }

    /// <summary>Endpoints entitled to the channel's keys.</summary>
    public IReadOnlyCollection<string> Members => _members;

    /// <summary>True once <see cref="RekeyInterval"/> has passed since the current key was made.</summary>
    public bool IsRekeyDue => _time.GetUtcNow() - _createdAt >= RekeyInterval;

    /// <summary>Adds a member; the caller then sends it <see cref="Current"/>. False if already a member.</summary>
    public bool AddMember(string endpointId) => _members.Add(endpointId);

    /// <summary>Removes a member without rekeying (it left the channel normally); call <see cref="Rekey"/> if it must lose access.</summary>
    public bool RemoveMember(string endpointId) => _members.Remove(endpointId);

    /// <summary>Makes a new current key (key id + 1). The caller wraps it for every member.</summary>
    public ChannelKey Rekey()
    {
        Previous?.Dispose();
        Previous = Current;
        Current = ChannelKey.Create(ChannelId, checked(Current.KeyId + 1), _random);
        _createdAt = _time.GetUtcNow();
        return Current;
    }

    /// <summary>Removes <paramref name="endpointId"/> and rekeys at once; returns the new key for the remaining members.</summary>
    public ChannelKey Revoke(string endpointId)
    {
        _members.Remove(endpointId);
        return Rekey();
    }

    /// <inheritdoc />
    public override string ToString() => $"ChannelKeyRing(channel {ChannelId}, key id {Current.KeyId}, {_members.Count} members)";

    /// <inheritdoc />
    public void Dispose()
    {
        Current.Dispose();
        Previous?.Dispose();
    }
}
