using System.Net;

namespace Broadcast.Controller.Sessions;

/// <summary>Where an endpoint receives UDP media: the source of its last accepted UDP registration.</summary>
internal sealed class MediaRoute
{
    public MediaRoute(IPEndPoint endpoint)
    {
        EndPoint = endpoint;
        // Serialized once so the pacer can call Socket.SendTo(span, flags, SocketAddress) without allocating.
        Address = endpoint.Serialize();
    }

    public IPEndPoint EndPoint { get; }

    public SocketAddress Address { get; }
}
