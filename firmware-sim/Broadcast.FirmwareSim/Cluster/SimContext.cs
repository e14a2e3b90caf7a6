using System.Net;
using Broadcast.FirmwareSim.Playout;
using Microsoft.Extensions.Logging;
using MQTTnet;

namespace Broadcast.FirmwareSim.Cluster;

/// <summary>What every cluster of one simulator shares.</summary>
internal sealed class SimContext(SimulatorOptions options, SimClock clock, ILogger logger, IPEndPoint controllerUdp)
{
    public SimulatorOptions Options { get; } = options;

    public SimClock Clock { get; } = clock;

    public ILogger Logger { get; } = logger;

    public IPEndPoint ControllerUdp { get; } = controllerUdp;

    public MqttClientFactory MqttFactory { get; } = new();

    /// <summary>Every datagram attacker clusters sent (attack mode), so honest clusters can classify what they played.</summary>
    public Attack.AttackRegistry Attacks { get; } = new();
}
