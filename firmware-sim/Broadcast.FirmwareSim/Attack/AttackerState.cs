using System.Buffers.Binary;
using System.Security.Cryptography;
using Broadcast.Protocol.Control;
using Broadcast.Protocol.Media;

namespace Broadcast.FirmwareSim.Attack;

/// <summary>
/// What an attacker cluster legitimately holds and captured: the channel key it was sent (it is a member), the
/// packets the controller sent it (tagged for it), its own Hello. Filled by the cluster's receive path, read by
/// the <see cref="AttackEngine"/>. Thread-safe.
/// </summary>
internal sealed class AttackerState(AttackKind kinds)
{
    private const int CaptureCapacity = 1500;
    private readonly Lock _gate = new();
    private readonly Queue<(TimeSpan At, byte[] Packet)> _captured = new();
    private readonly Dictionary<string, long> _sentTo = [];
    private byte[]? _channelKey;
    private uint _channelId;
    private uint _keyId;
    private ushort _lastSequence;
    private uint _lastTimestamp;
    private ulong _lastIndex;
    private bool _haveHeader;
    private byte[]? _newest;
    private bool _newestRerouted = true;
    private byte[]? _hello;

    public AttackKind Kinds { get; } = kinds;

    public byte[]? CapturedHello
    {
        get
        {
            lock (_gate)
            {
                return _hello;
            }
        }
    }

    public void CaptureHello(ReadOnlySpan<byte> hello)
    {
        lock (_gate)
        {
            _hello = hello.ToArray();
        }
    }

    public long ForgedMedia { get; set; }

    public long Replayed { get; set; }

    public long SelfReplayed { get; set; }

    public long Rerouted { get; set; }

    public long ForgedHellos { get; set; }

    public long WrongIpHellos { get; set; }

    public long WrongIpSessions { get; set; }

    /// <summary>The plaintext ChannelKey message the controller sealed for this (member) cluster: the key is ours to read.</summary>
    public void OnChannelKey(ChannelKeyMessage message)
    {
        Span<byte> frame = stackalloc byte[64];
        if (!message.TryWrite(frame, out var n))
        {
            return;
        }

        lock (_gate)
        {
            _channelKey = frame.Slice(n - ChannelKey.Size, ChannelKey.Size).ToArray();
            _channelId = message.ChannelId;
            _keyId = message.KeyId;
        }
    }

    /// <summary>An authentic packet the controller sent this cluster, exactly as it came off the wire.</summary>
    public void Capture(ReadOnlySpan<byte> packet, TimeSpan now)
    {
        lock (_gate)
        {
            var copy = packet.ToArray();
            _captured.Enqueue((now, copy));
            while (_captured.Count > CaptureCapacity)
            {
                _captured.Dequeue();
            }

            var index = BinaryPrimitives.ReadUInt64BigEndian(packet[SecureMediaLayout.PacketIndexOffset..]);
            if (!_haveHeader || index > _lastIndex)
            {
                _lastSequence = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
                _lastTimestamp = BinaryPrimitives.ReadUInt32BigEndian(packet[4..]);
                _lastIndex = index;
                _haveHeader = true;
            }

            _newest = copy;
            _newestRerouted = false;
        }
    }

    /// <summary>The oldest captured packet at least <paramref name="age"/> old (removed), for replay.</summary>
    public byte[]? TakeOld(TimeSpan now, TimeSpan age)
    {
        lock (_gate)
        {
            if (_captured.TryPeek(out var head) && now - head.At >= age)
            {
                return _captured.Dequeue().Packet;
            }

            return null;
        }
    }

    /// <summary>The newest captured packet, once.</summary>
    public byte[]? TakeNewestForReroute()
    {
        lock (_gate)
        {
            if (_newestRerouted || _newest is null)
            {
                return null;
            }

            _newestRerouted = true;
            return _newest;
        }
    }

    /// <summary>
    /// Seals <paramref name="opus"/> as the frame <paramref name="ahead"/> frames after the newest one received, under
    /// the stolen channel key, with a fresh packet index. Returns the sealed bytes with room for a 16-byte tag, or null
    /// when nothing has been received yet or that frame was already forged.
    /// </summary>
    public byte[]? Forge(ReadOnlySpan<byte> opus, int ahead, ref ulong lastForgedIndex)
    {
        lock (_gate)
        {
            if (_channelKey is null || !_haveHeader || _lastIndex + (ulong)ahead <= lastForgedIndex)
            {
                return null;
            }

            var index = _lastIndex + (ulong)ahead;
            lastForgedIndex = index;
            var packet = new byte[SecureMediaLayout.HeaderSize + opus.Length + SecureMediaLayout.AeadTagSize + SecureMediaLayout.OriginTagSize];
            packet[0] = 0x80;
            packet[1] = 111;
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)(_lastSequence + ahead));
            BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), _lastTimestamp + (uint)(960 * ahead));
            BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), _channelId);
            BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(SecureMediaLayout.KeyIdOffset), _keyId);
            BinaryPrimitives.WriteUInt64BigEndian(packet.AsSpan(SecureMediaLayout.PacketIndexOffset), index);
            Span<byte> nonce = stackalloc byte[12];
            BinaryPrimitives.WriteUInt64LittleEndian(nonce[4..], index);
            using var aead = new ChaCha20Poly1305(_channelKey);
            aead.Encrypt(
                nonce,
                opus,
                packet.AsSpan(SecureMediaLayout.HeaderSize, opus.Length),
                packet.AsSpan(SecureMediaLayout.HeaderSize + opus.Length, SecureMediaLayout.AeadTagSize),
                packet.AsSpan(0, SecureMediaLayout.HeaderSize));
            return packet;
        }
    }

    public void CountTarget(string id)
    {
        lock (_gate)
        {
            _sentTo[id] = _sentTo.GetValueOrDefault(id) + 1;
        }
    }

    public AttackReport ToReport()
    {
        lock (_gate)
        {
            return new AttackReport
            {
                Kinds = AttackKinds.Names(Kinds),
                ForgedMediaSent = ForgedMedia,
                ReplayedSent = Replayed,
                SelfReplayedSent = SelfReplayed,
                ReroutedSent = Rerouted,
                ForgedHellosSent = ForgedHellos,
                WrongIpHellosSent = WrongIpHellos,
                WrongIpSessionsReceived = WrongIpSessions,
                SentTo = new SortedDictionary<string, long>(_sentTo, StringComparer.Ordinal),
            };
        }
    }
}
