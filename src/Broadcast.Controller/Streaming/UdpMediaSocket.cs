using System.Net;
using System.Net.Sockets;
using Broadcast.Controller.Lab;
using Microsoft.Extensions.Options;

namespace Broadcast.Controller.Streaming;

/// <summary>
/// The one UDP socket of the controller: media goes out of it to every UDP endpoint, and UDP registrations come in on
/// it (protocol section 11.1), so an endpoint's NAT mapping for its registrations also lets our media in.
/// </summary>
internal sealed class UdpMediaSocket : IDisposable
{
    public UdpMediaSocket(IOptions<MediaOptions> options, LabRtpTap? lab = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Lab = lab is { IsOn: true } ? lab : null;
        var bind = IPEndPoint.Parse(options.Value.UdpBind);
        Socket = new Socket(bind.AddressFamily, SocketType.Dgram, ProtocolType.Udp) { SendBufferSize = options.Value.SendBufferBytes };
        try
        {
            Socket.Bind(bind);
        }
        catch (SocketException ex)
        {
            Socket.Dispose();
            throw new InvalidOperationException($"cannot bind the media socket to {bind} (Media:UdpBind): {ex.Message}", ex);
        }

        LocalEndPoint = (IPEndPoint)Socket.LocalEndPoint!;
    }

    public Socket Socket { get; }

    /// <summary>
    /// The lab-mode plain RTP copy (protocol section 14), null while lab mode is off. It lives here, next to the
    /// egress it shadows, so every pacer reaches it through the socket it is already given.
    /// </summary>
    public LabRtpTap? Lab { get; }

    /// <summary>The bound address and port (the real port when Media:UdpBind asked for 0).</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Sends one datagram without allocating; throws <see cref="SocketException"/> on failure.</summary>
    public void SendTo(ReadOnlySpan<byte> datagram, SocketAddress destination) => Socket.SendTo(datagram, SocketFlags.None, destination);

    public void Dispose() => Socket.Dispose();
}
