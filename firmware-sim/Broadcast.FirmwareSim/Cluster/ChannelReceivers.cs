using Broadcast.Protocol.Control;
using Broadcast.Protocol.Media;

namespace Broadcast.FirmwareSim.Cluster;

/// <summary>
/// A cluster's media receivers, one per channel, with the channel keys each holds (current and previous, protocol
/// section 7). Keeping the keys lets a periodic re-handshake (section 5.3) carry the channels over to the new
/// session's media-auth key without waiting for the controller to re-send them: packets tagged under the new key
/// may arrive before the re-sent ChannelKey does. Not thread-safe: the owning cluster calls it under its lock.
/// </summary>
internal sealed class ChannelReceivers : IDisposable
{
    private readonly Dictionary<uint, Entry> _channels = [];

    /// <summary>The receiver of channel <paramref name="channelId"/>, if a key for it was installed.</summary>
    public bool TryGet(uint channelId, out MediaReceiver receiver)
    {
        if (_channels.TryGetValue(channelId, out var entry))
        {
            receiver = entry.Receiver;
            return true;
        }

        receiver = null!;
        return false;
    }

    /// <summary>Key id the receiver of <paramref name="channelId"/> uses now, 0 when none.</summary>
    public uint CurrentKeyId(uint channelId) => _channels.TryGetValue(channelId, out var entry) ? entry.Receiver.CurrentKeyId ?? 0 : 0;

    /// <summary>Installs a received key; creates the channel's receiver under the session's origin keys the first time.</summary>
    public void Install(ChannelKeyMessage message, OriginAuthenticator origin, OriginAuthenticator? previousOrigin)
    {
        if (!_channels.TryGetValue(message.ChannelId, out var entry))
        {
            var receiver = new MediaReceiver(message.ChannelId, origin);
            receiver.SetPreviousOrigin(previousOrigin);
            entry = new Entry(receiver);
            _channels[message.ChannelId] = entry;
        }

        var key = message.ToChannelKey();
        if (!entry.Receiver.InstallKey(key))
        {
            // Not newer than what it holds: the controller re-sent it (after a re-handshake) or it came twice.
            key.Dispose();
            return;
        }

        entry.Previous?.Dispose();
        entry.Previous = entry.Current;
        entry.Current = key;
    }

    /// <summary>
    /// A re-handshake replaced the session: every channel gets a receiver under the new media-auth key that still
    /// accepts the old one (packets in flight), holding the same keys.
    /// </summary>
    /// <remarks>
    /// The new receivers start with fresh replay windows (MediaReceiver cannot change its origin key in place): a
    /// packet re-sent by an attacker during the changeover could pass the window once; the jitter buffer still drops
    /// it as a duplicate or as late, so it never plays twice.
    /// </remarks>
    public void Rebind(OriginAuthenticator origin, OriginAuthenticator? previousOrigin)
    {
        foreach (var (channelId, entry) in _channels.ToList())
        {
            var receiver = new MediaReceiver(channelId, origin);
            receiver.SetPreviousOrigin(previousOrigin);
            if (entry.Previous is not null)
            {
                receiver.InstallKey(entry.Previous);
            }

            if (entry.Current is not null)
            {
                receiver.InstallKey(entry.Current);
            }

            _channels[channelId] = new Entry(receiver) { Previous = entry.Previous, Current = entry.Current };
        }
    }

    /// <summary>Forgets every channel (the session is gone: the controller sends the keys again after the next handshake).</summary>
    public void Clear()
    {
        foreach (var entry in _channels.Values)
        {
            entry.Previous?.Dispose();
            entry.Current?.Dispose();
        }

        _channels.Clear();
    }

    public void Dispose() => Clear();

    private sealed class Entry(MediaReceiver receiver)
    {
        public MediaReceiver Receiver { get; } = receiver;

        public ChannelKey? Previous { get; set; }

        public ChannelKey? Current { get; set; }
    }
}
