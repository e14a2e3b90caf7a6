using System.Net;

namespace Broadcast.FirmwareSim.Cluster;

/// <summary>Where a simulated cluster stands and how it is reached.</summary>
/// <param name="Id">Endpoint id (e.g. BX-TT-01).</param>
/// <param name="Commune">Commune id of the topology.</param>
/// <param name="Hamlet">Hamlet id of the topology.</param>
/// <param name="Bind">Binding as in the topology (127.10.1.1/32).</param>
/// <param name="LocalAddress">Address its sockets bind to (the binding's address).</param>
/// <param name="MqttMedia">True when media arrives on the MQTT media topic (transport "mqtt").</param>
/// <param name="DeadZone">True for a dead-zone hamlet.</param>
internal sealed record ClusterSpec(string Id, string Commune, string Hamlet, string Bind, IPAddress LocalAddress, bool MqttMedia, bool DeadZone);
