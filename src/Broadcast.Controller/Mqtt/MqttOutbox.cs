using System.Buffers;
using System.Threading.Channels;

namespace Broadcast.Controller.Mqtt;

/// <summary>
/// Bounded queue between the producers (control plane, pacers) and the one MQTT client. Writers never wait: a full
/// queue (broker gone, link saturated) refuses the message, and the caller counts it as a send error.
/// </summary>
internal sealed class MqttOutbox
{
    // 2 s of media for 400 MQTT endpoints at 50 packets/s, or a burst of control messages to every cluster.
    private const int Capacity = 40_000;

    private readonly Channel<OutboundMessage> _queue = Channel.CreateBounded<OutboundMessage>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, SingleWriter = false, FullMode = BoundedChannelFullMode.Wait });

    public ChannelReader<OutboundMessage> Reader => _queue.Reader;

    /// <summary>Queues a control message (QoS 1) that the caller owns no longer.</summary>
    public bool TryPublishControl(string topic, byte[] payload) =>
        _queue.Writer.TryWrite(new OutboundMessage(topic, payload, payload.Length, false, 1));

    /// <summary>Copies a media packet into a pooled buffer and queues it (QoS 0).</summary>
    public bool TryPublishMedia(string topic, ReadOnlySpan<byte> packet)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(packet.Length);
        packet.CopyTo(buffer);
        if (_queue.Writer.TryWrite(new OutboundMessage(topic, buffer, packet.Length, true, 0)))
        {
            return true;
        }

        ArrayPool<byte>.Shared.Return(buffer);
        return false;
    }
}
