namespace Broadcast.Protocol.Identity;

/// <summary>
/// What the controller's registry knows about one endpoint (speaker cluster): its id (e.g. "BX-TT-01"),
/// where it stands, its static public key, the address its key is bound to, and whether it is revoked.
/// </summary>
/// <param name="Id">Endpoint id; also the MQTT topic segment (see <see cref="Control.Topics"/>).</param>
/// <param name="Commune">Commune name (UTF-8, may contain Vietnamese diacritics).</param>
/// <param name="Hamlet">Hamlet name.</param>
/// <param name="PublicKey">Static X25519 public key created at provisioning.</param>
/// <param name="Binding">Addresses the key is accepted from.</param>
/// <param name="Revoked">A revoked endpoint is refused at handshake and never receives a new channel key.</param>
public sealed record EndpointRegistration(
    string Id,
    string Commune,
    string Hamlet,
    X25519PublicKey PublicKey,
    IpBinding Binding,
    bool Revoked = false);
