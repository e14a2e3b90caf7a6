using Broadcast.Protocol.Handshake;
using Broadcast.Protocol.Media;

namespace Broadcast.Protocol.Control;

/// <summary>
/// The MQTT topic tree under bcast/{district}/ (docs/protocol.md, Topic tree), with QoS, retain flag and size
/// limit of each. District and endpoint ids are restricted to [A-Za-z0-9_-], 1 to 32 characters, so that no id
/// can contain the MQTT separators or wildcards '/', '+', '#' (MQTT 5.0 section 4.7).
/// </summary>
public static class Topics
{
    /// <summary>Root of every topic.</summary>
    public const string Root = "bcast";

    /// <summary>Payload of the clear last-will message: a <see cref="StatusMessage"/> with state Offline.</summary>
    public static ReadOnlySpan<byte> OfflineWill => [(byte)ControlMessageType.Status, ProtocolVersion.Current, 0, StatusMessage.BodySize, (byte)EndpointState.Offline, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];

    /// <summary>Handshake 1, endpoint to controller. QoS 1, not retained (a retained Hello would be replayed to every new subscriber).</summary>
    public static TopicSpec Hello(string district, string endpointId) => new(Endpoint(district, endpointId, "hello"), 1, false, HelloMessage.Size);

    /// <summary>Handshake 2, controller to endpoint. QoS 1, not retained.</summary>
    public static TopicSpec Session(string district, string endpointId) => new(Endpoint(district, endpointId, "session"), 1, false, SessionMessage.Size);

    /// <summary>Sealed control, controller to endpoint (ChannelKey, Command, SenderReport, Bye, Error). QoS 1, not retained.</summary>
    public static TopicSpec Command(string district, string endpointId) => new(Endpoint(district, endpointId, "cmd"), 1, false, ControlChannel.MaxEnvelopeSize);

    /// <summary>Sealed Status heartbeat, endpoint to controller. QoS 1, RETAINED, last will = <see cref="OfflineWill"/>.</summary>
    public static TopicSpec Status(string district, string endpointId) => new(Endpoint(district, endpointId, "status"), 1, true, ControlChannel.MaxEnvelopeSize);

    /// <summary>Sealed proof-of-play reports and Errors, endpoint to controller. QoS 1, not retained.</summary>
    public static TopicSpec Report(string district, string endpointId) => new(Endpoint(district, endpointId, "report"), 1, false, ControlChannel.MaxEnvelopeSize);

    /// <summary>Media with this endpoint's origin tag, for endpoints without UDP. QoS 0 (late audio is useless), not retained.</summary>
    public static TopicSpec Media(string district, string endpointId) => new(Endpoint(district, endpointId, "media"), 0, false, SecureMediaLayout.MaxPacketSize);

    /// <summary>Channel-wide media with the Ed25519 signature variant. QoS 0, not retained.</summary>
    public static TopicSpec ChannelMedia(string district, uint channelId) =>
        new($"{Root}/{CheckId(district, nameof(district))}/ch/{channelId}/media", 0, false, SecureMediaLayout.MaxPacketSize);

    /// <summary>Subscription filter the controller uses for all Hellos of its district.</summary>
    public static string AllHellos(string district) => $"{Root}/{CheckId(district, nameof(district))}/ep/+/hello";

    /// <summary>True when <paramref name="id"/> is a valid district or endpoint id.</summary>
    public static bool IsValidId(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= 32 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>Extracts the endpoint id from bcast/{district}/ep/{id}/{leaf}; null when the topic is not one.</summary>
    public static string? EndpointIdOf(string topic, string district, string leaf)
    {
        ArgumentNullException.ThrowIfNull(topic);
        var parts = topic.Split('/');
        return parts.Length == 5 && parts[0] == Root && parts[1] == district && parts[2] == "ep" && parts[4] == leaf && IsValidId(parts[3])
            ? parts[3]
            : null;
    }

    private static string Endpoint(string district, string endpointId, string leaf) =>
        $"{Root}/{CheckId(district, nameof(district))}/ep/{CheckId(endpointId, nameof(endpointId))}/{leaf}";

    private static string CheckId(string id, string name) =>
        IsValidId(id) ? id : throw new ArgumentException($"'{id}' is not a valid id: use 1 to 32 of A-Z, a-z, 0-9, '-', '_'.", name);
}
