using System.Buffers;
using System.Net;
using Broadcast.Controller.Hosting;
using Broadcast.Controller.Sessions;
using Broadcast.Controller.Topology;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Packets;
using MQTTnet.Protocol;

namespace Broadcast.Controller.Mqtt;

/// <summary>
/// The controller's own MQTT client (embedded or external broker): a reconnect supervisor (MQTTnet v5 has no managed
/// client), the subscriptions to every endpoint's hello/status/report, and the pump that drains the outbox.
/// </summary>
internal sealed class ControllerMqttClient(
    IOptions<BrokerOptions> options,
    TopologyIndex topology,
    MqttOutbox outbox,
    ControlPlane controlPlane,
    TimeProvider time,
    ILogger<ControllerMqttClient> logger) : BackgroundService
{
    // On shutdown the outbox still holds the Stop commands and Byes; give them this long to leave.
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(2);

    private readonly MqttClientFactory _factory = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        using var client = _factory.CreateMqttClient();
        client.ApplicationMessageReceivedAsync += e =>
        {
            Dispatch(e.ApplicationMessage);
            return Task.CompletedTask;
        };

        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(o.Host, o.Port)
            .WithClientId(o.ClientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanSession(true);
        if (!string.IsNullOrEmpty(o.Username))
        {
            builder = builder.WithCredentials(o.Username, o.Password);
        }

        var clientOptions = builder.Build();
        var pump = Task.Run(() => PumpAsync(client, stoppingToken), CancellationToken.None);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    if (!client.IsConnected || !await client.TryPingAsync(stoppingToken).ConfigureAwait(false))
                    {
                        await client.ConnectAsync(clientOptions, stoppingToken).ConfigureAwait(false);
                        var district = topology.District;
                        var subscribe = _factory.CreateSubscribeOptionsBuilder()
                            .WithTopicFilter($"bcast/{district}/ep/+/hello", MqttQualityOfServiceLevel.AtLeastOnce)
                            .WithTopicFilter($"bcast/{district}/ep/+/status", MqttQualityOfServiceLevel.AtLeastOnce)
                            .WithTopicFilter($"bcast/{district}/ep/+/report", MqttQualityOfServiceLevel.AtLeastOnce)
                            .Build();
                        await client.SubscribeAsync(subscribe, stoppingToken).ConfigureAwait(false);
                        ControllerLog.MqttConnected(logger, o.Host, o.Port);
                    }
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or InvalidOperationException or System.Net.Sockets.SocketException or OperationCanceledException)
                {
                    ControllerLog.MqttConnectFailed(logger, o.Host, o.Port, ex.Message);
                }

                try
                {
                    await Task.Delay(o.ReconnectDelay, time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
        finally
        {
            await pump.ConfigureAwait(false);
            if (client.IsConnected)
            {
                await client.DisconnectAsync(new MqttClientDisconnectOptions(), CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private async Task PumpAsync(IMqttClient client, CancellationToken stoppingToken)
    {
        var reader = outbox.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                while (reader.TryRead(out var message))
                {
                    await SendAsync(client, message, CancellationToken.None).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Shutdown: drain what the broadcasts queued last (Stop, Bye) for a bounded time.
            using var drain = new CancellationTokenSource(DrainTimeout, time);
            while (!drain.IsCancellationRequested && reader.TryRead(out var message))
            {
                await SendAsync(client, message, drain.Token).ConfigureAwait(false);
            }
        }
    }

    private async Task SendAsync(IMqttClient client, OutboundMessage message, CancellationToken cancellationToken)
    {
        try
        {
            if (!client.IsConnected)
            {
                ControllerLog.MqttPublishDropped(logger, message.Topic, "not connected");
                return;
            }

            var application = new MqttApplicationMessageBuilder()
                .WithTopic(message.Topic)
                .WithPayload(new ReadOnlySequence<byte>(message.Payload, 0, message.Length))
                .WithQualityOfServiceLevel((MqttQualityOfServiceLevel)message.QualityOfService)
                .Build();
            await client.PublishAsync(application, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or InvalidOperationException or OperationCanceledException)
        {
            ControllerLog.MqttPublishDropped(logger, message.Topic, ex.Message);
        }
        finally
        {
            message.Release();
        }
    }

    private void Dispatch(MqttApplicationMessage message)
    {
        var district = topology.District;
        var payload = message.Payload;
        if (payload.Length > Protocol.Control.ControlChannel.MaxEnvelopeSize)
        {
            return; // Protocol section 3: drop oversize payloads before parsing.
        }

        Span<byte> buffer = stackalloc byte[(int)payload.Length];
        payload.CopyTo(buffer);
        if (Protocol.Control.Topics.EndpointIdOf(message.Topic, district, "hello") is { } helloId)
        {
            controlPlane.OnHello(helloId, buffer, PeerAddress(message));
        }
        else if (Protocol.Control.Topics.EndpointIdOf(message.Topic, district, "status") is { } statusId)
        {
            controlPlane.OnStatus(statusId, buffer);
        }
        else if (Protocol.Control.Topics.EndpointIdOf(message.Topic, district, "report") is { } reportId)
        {
            controlPlane.OnReport(reportId, buffer);
        }
    }

    private IPAddress? PeerAddress(MqttApplicationMessage message)
    {
        // Only the embedded broker stamps the property (and strips forged ones); from an external broker it is not trusted.
        if (options.Value.Mode != BrokerMode.Embedded || message.UserProperties is null)
        {
            return null;
        }

        foreach (var property in message.UserProperties)
        {
            if (property.Name == PeerAddressProperty.Name && IPAddress.TryParse(property.ReadValueAsString(), out var address))
            {
                return address;
            }
        }

        return null;
    }
}
