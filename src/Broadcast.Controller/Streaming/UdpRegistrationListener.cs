using System.Net;
using System.Net.Sockets;
using Broadcast.Controller.Hosting;
using Broadcast.Controller.Sessions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Broadcast.Controller.Streaming;

/// <summary>Receive loop of the media socket: every datagram is a candidate UDP registration (protocol section 11.1).</summary>
internal sealed class UdpRegistrationListener(UdpMediaSocket socket, ControlPlane controlPlane, ILogger<UdpRegistrationListener> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        ControllerLog.UdpListening(logger, socket.LocalEndPoint.ToString());
        var buffer = new byte[2048];
        var address = new SocketAddress(socket.LocalEndPoint.AddressFamily);
        var template = new IPEndPoint(socket.LocalEndPoint.Address, 0);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var length = await socket.Socket.ReceiveFromAsync(buffer, SocketFlags.None, address, stoppingToken).ConfigureAwait(false);
                controlPlane.OnUdp(buffer.AsSpan(0, length), (IPEndPoint)template.Create(address));
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionReset or SocketError.MessageSize)
            {
                // ICMP port unreachable from an endpoint that went away, or an oversize datagram: not our problem.
            }
            catch (ObjectDisposedException)
            {
                break;
            }
        }
    }
}
