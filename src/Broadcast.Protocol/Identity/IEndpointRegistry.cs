namespace Broadcast.Protocol.Identity;

/// <summary>Lookup the handshake responder needs; the controller backs it with its persistent registry.</summary>
public interface IEndpointRegistry
{
    /// <summary>The endpoint whose static public key is <paramref name="publicKey"/>, or null when unknown.</summary>
    EndpointRegistration? FindByPublicKey(ReadOnlySpan<byte> publicKey);
}
