using System.Buffers;

namespace Broadcast.Controller.Mqtt;

/// <summary>A publish waiting in the <see cref="MqttOutbox"/>; a pooled payload goes back to <see cref="ArrayPool{T}.Shared"/> after sending.</summary>
internal readonly record struct OutboundMessage(string Topic, byte[] Payload, int Length, bool Pooled, int QualityOfService)
{
    public void Release()
    {
        if (Pooled)
        {
            ArrayPool<byte>.Shared.Return(Payload);
        }
    }
}
