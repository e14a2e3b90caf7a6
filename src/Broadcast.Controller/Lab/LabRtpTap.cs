using System.Net;
using System.Net.Sockets;
using Broadcast.Protocol.Lab;
using Broadcast.Protocol.Rtp;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Broadcast.Controller.Lab;

/// <summary>
/// The plain RTP/Opus copy of lab mode (RFC 3550 header + RFC 7587 payload, payload type 111, 48 kHz clock, no
/// encryption, no origin tag), sent from its own socket to <see cref="LabOptions.Destination"/>. Called by every
/// pacer once per frame; it allocates nothing and logs nothing.
/// </summary>
/// <remarks>
/// One destination port carries one stream: a receiver such as ffmpeg keeps one sequence-number state per port
/// (interleaved sources fail its sequence check), so the first channel to send holds the destination until its
/// pacer ends; channels that play meanwhile are not copied. Each channel's SSRC is its channel id, so a receiver
/// sees a new source (RFC 3550 section 8.2) when the destination passes to another channel.
/// </remarks>
internal sealed class LabRtpTap : IDisposable
{
    // Header + the largest Opus packet (RFC 6716 section 3.4): 1287 bytes, fine for the pacer thread's stack.
    private const int MaxDatagram = RtpHeader.Size + OpusRtp.MaxPayloadSize;

    private readonly Socket? _socket;
    private readonly SocketAddress? _destination;
    private uint _owner;
    private long _packetsSent;
    private long _sendErrors;

    public LabRtpTap(IOptions<LabOptions> options, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        // Reading Value runs LabPolicyValidator: in Production with Lab:Enabled=true this throws and the host stops.
        var o = options.Value;
        if (LabModePolicy.Evaluate(o.Enabled, environment.EnvironmentName) != LabModeDecision.On)
        {
            return;
        }

        Destination = IPEndPoint.Parse(o.Destination);
        _destination = Destination.Serialize();
        _socket = new Socket(Destination.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        if (Destination.AddressFamily == AddressFamily.InterNetwork && IsIpv4Multicast(Destination.Address))
        {
            // Same TTL as the c= line SdpWriter writes for IPv4 multicast (RFC 8866 section 5.7).
            _socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastTimeToLive, 16);
        }
    }

    /// <summary>Whether lab mode is on (the host would not have started if it were refused).</summary>
    public bool IsOn => _socket is not null;

    /// <summary>Where plain RTP goes; null while lab mode is off.</summary>
    public IPEndPoint? Destination { get; }

    /// <summary>Channel currently holding the destination; 0 when none.</summary>
    public uint Owner => Volatile.Read(ref _owner);

    public long PacketsSent => Interlocked.Read(ref _packetsSent);

    public long SendErrors => Interlocked.Read(ref _sendErrors);

    /// <summary>
    /// Sends one frame as plain RTP if <paramref name="header"/>'s channel (its SSRC) holds the destination or it is
    /// free. Never throws: a failed send only counts.
    /// </summary>
    public void Send(in RtpHeader header, ReadOnlySpan<byte> payload)
    {
        if (_socket is null || payload.Length > OpusRtp.MaxPayloadSize)
        {
            return;
        }

        var channel = header.Ssrc;
        var owner = Volatile.Read(ref _owner);
        if (owner != channel && (owner != 0 || Interlocked.CompareExchange(ref _owner, channel, 0) != 0))
        {
            return;
        }

        Span<byte> datagram = stackalloc byte[MaxDatagram];
        if (!header.TryWrite(datagram, out var written))
        {
            return;
        }

        payload.CopyTo(datagram[written..]);
        try
        {
            _socket.SendTo(datagram[..(written + payload.Length)], SocketFlags.None, _destination!);
            Interlocked.Increment(ref _packetsSent);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // A lab receiver that is not running is not the broadcast's problem.
            Interlocked.Increment(ref _sendErrors);
        }
    }

    /// <summary>Called when channel <paramref name="channel"/>'s pacer ends: the destination is free for the next one.</summary>
    public void Release(uint channel) => Interlocked.CompareExchange(ref _owner, 0, channel);

    public void Dispose() => _socket?.Dispose();

    private static bool IsIpv4Multicast(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[4];
        return address.TryWriteBytes(bytes, out _) && (bytes[0] & 0xF0) == 0xE0;
    }
}
