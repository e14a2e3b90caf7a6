using System.Net;
using Broadcast.Controller.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet.Packets;
using MQTTnet.Server;

namespace Broadcast.Controller.Mqtt;

/// <summary>MQTTnet.Server inside the controller (Broker:Mode = Embedded); stamps publishers' addresses on their messages.</summary>
internal sealed class EmbeddedBroker(IOptions<BrokerOptions> options, ILogger<EmbeddedBroker> logger) : IHostedService, IDisposable
{
    private const string PeerItem = "bcast.peer";
    private MqttServer? _server;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!IPAddress.TryParse(o.Host, out var address))
        {
            throw new OptionsValidationException(BrokerOptions.Section, typeof(BrokerOptions), [$"Broker:Host '{o.Host}' must be an IP address for the embedded broker"]);
        }

        var serverOptions = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(address)
            .WithDefaultEndpointPort(o.Port)
            .Build();
        _server = new MqttServerFactory().CreateMqttServer(serverOptions);
        _server.ClientConnectedAsync += e =>
        {
            if (e.RemoteEndPoint is IPEndPoint ip)
            {
                e.SessionItems[PeerItem] = ip.Address;
            }

            return Task.CompletedTask;
        };
        _server.InterceptingPublishAsync += e =>
        {
            var message = e.ApplicationMessage;
            message.UserProperties?.RemoveAll(p => p.Name == PeerAddressProperty.Name);
            if (e.SessionItems[PeerItem] is IPAddress peer)
            {
                message.UserProperties ??= [];
                message.UserProperties.Add(new MqttUserProperty(PeerAddressProperty.Name, new ReadOnlyMemory<byte>(System.Text.Encoding.ASCII.GetBytes(peer.ToString()))));
            }

            return Task.CompletedTask;
        };
        try
        {
            await _server.StartAsync().ConfigureAwait(false);
        }
        catch (System.Net.Sockets.SocketException ex)
        {
            throw new InvalidOperationException($"the embedded MQTT broker cannot listen on {o.Host}:{o.Port} (Broker:Host, Broker:Port): {ex.Message}", ex);
        }

        ControllerLog.BrokerStarted(logger, o.Host, o.Port);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not null)
        {
            await _server.StopAsync().ConfigureAwait(false);
        }
    }

    public void Dispose() => _server?.Dispose();
}
