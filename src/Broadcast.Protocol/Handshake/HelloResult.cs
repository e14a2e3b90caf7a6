using System.Net;
using Broadcast.Protocol.Identity;

namespace Broadcast.Protocol.Handshake;

/// <summary>
/// What <see cref="ControllerHandshake.ConsumeHello"/> decided. On acceptance <see cref="Keys"/> holds the
/// session and <see cref="SessionLength"/> bytes of the reply were written. <see cref="Message"/> is a
/// sentence a technician can act on, e.g. "endpoint BX-TT-03 presented a key bound to 10.1.4.0/24 from 10.9.9.9".
/// </summary>
public sealed record HelloResult(HandshakeStatus Status, string Message)
{
    /// <summary>The registration the key belongs to, once the static key decrypted.</summary>
    public EndpointRegistration? Endpoint { get; init; }

    /// <summary>Source address the caller observed.</summary>
    public IPAddress? ObservedAddress { get; init; }

    /// <summary>Address of the previous accepted handshake, when there was one.</summary>
    public IPAddress? PreviousAddress { get; init; }

    /// <summary>Session keys (controller side) when accepted; the caller owns and disposes them.</summary>
    public SessionKeys? Keys { get; init; }

    /// <summary>Bytes of the Session reply written to the destination.</summary>
    public int SessionLength { get; init; }

    /// <summary>True for <see cref="HandshakeStatus.Accepted"/> and <see cref="HandshakeStatus.AcceptedNewAddress"/>.</summary>
    public bool IsAccepted => Status is HandshakeStatus.Accepted or HandshakeStatus.AcceptedNewAddress;
}
