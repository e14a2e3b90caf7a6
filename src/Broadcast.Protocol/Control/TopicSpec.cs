namespace Broadcast.Protocol.Control;

/// <summary>How a topic is published (docs/protocol.md, Topic tree).</summary>
/// <param name="Topic">Full topic name.</param>
/// <param name="QualityOfService">MQTT QoS level (0, 1 or 2).</param>
/// <param name="Retain">Whether the broker retains the last message.</param>
/// <param name="MaxPayloadSize">Largest payload a receiver accepts on it.</param>
public sealed record TopicSpec(string Topic, int QualityOfService, bool Retain, int MaxPayloadSize);
