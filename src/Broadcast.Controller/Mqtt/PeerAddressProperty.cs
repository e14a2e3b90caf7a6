namespace Broadcast.Controller.Mqtt;

/// <summary>
/// MQTT 5 user property the embedded broker stamps on every publish with the publishing client's IP address, so the
/// controller's own client can pass it to the handshake as the observed address (protocol section 11). The broker
/// first removes any property of that name a client set itself, so it cannot be forged through the embedded broker.
/// </summary>
internal static class PeerAddressProperty
{
    public const string Name = "bcast-peer-address";
}
