using Broadcast.Controller.Broadcasts;
using Broadcast.Protocol.Control;
using Broadcast.Protocol.Handshake;
using Microsoft.Extensions.Logging;

namespace Broadcast.Controller.Hosting;

/// <summary>Every log line of the controller, source-generated, with stable event ids.</summary>
internal static partial class ControllerLog
{
    [LoggerMessage(1, LogLevel.Information, "Embedded MQTT broker listening on {Host}:{Port}", EventName = "BrokerStarted")]
    public static partial void BrokerStarted(ILogger logger, string host, int port);

    [LoggerMessage(2, LogLevel.Information, "Controller connected to the MQTT broker at {Host}:{Port}", EventName = "MqttConnected")]
    public static partial void MqttConnected(ILogger logger, string host, int port);

    [LoggerMessage(3, LogLevel.Warning, "Cannot reach the MQTT broker at {Host}:{Port} (Broker:Host, Broker:Port): {Error}; retrying", EventName = "MqttConnectFailed")]
    public static partial void MqttConnectFailed(ILogger logger, string host, int port, string error);

    [LoggerMessage(4, LogLevel.Debug, "MQTT publish to {Topic} dropped: {Reason}", EventName = "MqttPublishDropped")]
    public static partial void MqttPublishDropped(ILogger logger, string topic, string reason);

    [LoggerMessage(10, LogLevel.Warning, "Hello on the topic of {TopicEndpoint} refused ({Reason}): {Message} [observed {Observed}, binding {Binding}]", EventName = "HelloRefused")]
    public static partial void HelloRefused(ILogger logger, string topicEndpoint, HandshakeStatus reason, string observed, string binding, string message);

    [LoggerMessage(11, LogLevel.Information, "Endpoint {Endpoint} completed the handshake from {Address}", EventName = "HelloAccepted")]
    public static partial void HelloAccepted(ILogger logger, string endpoint, string address);

    [LoggerMessage(12, LogLevel.Information, "Endpoint {Endpoint} moved from {Previous} to {Current}, inside its binding", EventName = "EndpointMoved")]
    public static partial void EndpointMoved(ILogger logger, string endpoint, string previous, string current);

    [LoggerMessage(13, LogLevel.Warning, "UDP registration of endpoint {Endpoint} refused: its key is bound to {Binding} but the datagram came from {Source}", EventName = "UdpRegistrationRefused")]
    public static partial void UdpRegistrationRefused(ILogger logger, string endpoint, string binding, string source);

    [LoggerMessage(14, LogLevel.Information, "Endpoint {Endpoint} receives UDP media at {Destination}", EventName = "MediaRouteSet")]
    public static partial void MediaRouteSet(ILogger logger, string endpoint, string destination);

    [LoggerMessage(15, LogLevel.Information, "Endpoint {Endpoint} is offline: {Reason}", EventName = "EndpointOffline")]
    public static partial void EndpointOffline(ILogger logger, string endpoint, string reason);

    [LoggerMessage(16, LogLevel.Information, "Endpoint {Endpoint} is online", EventName = "EndpointOnline")]
    public static partial void EndpointOnline(ILogger logger, string endpoint);

    [LoggerMessage(17, LogLevel.Debug, "Sealed message from endpoint {Endpoint} not opened ({Status}); waiting for the next one", EventName = "StatusUnreadable")]
    public static partial void StatusUnreadable(ILogger logger, string endpoint, string status);

    [LoggerMessage(18, LogLevel.Debug, "Report from endpoint {Endpoint}: {Status}", EventName = "ReportReceived")]
    public static partial void ReportReceived(ILogger logger, string endpoint, ControlOpenStatus status);

    [LoggerMessage(19, LogLevel.Information, "UDP media socket bound to {Address}", EventName = "UdpListening")]
    public static partial void UdpListening(ILogger logger, string address);

    [LoggerMessage(20, LogLevel.Information, "Broadcast {Id} started on channel {Channel} at {Priority} priority: {Programme} to {Target} ({Granted} endpoints, {Refused} refused)", EventName = "BroadcastStarted")]
    public static partial void BroadcastStarted(ILogger logger, long id, uint channel, BroadcastPriority priority, string programme, string target, int granted, int refused);

    [LoggerMessage(21, LogLevel.Information, "Broadcast {Id} refused on endpoint {Endpoint}: {Reason}", EventName = "BroadcastRefusedOn")]
    public static partial void BroadcastRefusedOn(ILogger logger, long id, string endpoint, string reason);

    [LoggerMessage(22, LogLevel.Information, "Broadcast {Id} on channel {Channel} ended: {Reason}", EventName = "BroadcastEnded")]
    public static partial void BroadcastEnded(ILogger logger, long id, uint channel, string reason);

    [LoggerMessage(23, LogLevel.Critical, "EMERGENCY broadcast {Id} on channel {Channel}: {Programme} to {Target}, preempting everything on {Granted} endpoints", EventName = "EmergencyStarted")]
    public static partial void EmergencyStarted(ILogger logger, long id, uint channel, string programme, string target, int granted);

    [LoggerMessage(24, LogLevel.Information, "Channel {Channel} rekeyed to key id {KeyId} for {Members} members", EventName = "Rekeyed")]
    public static partial void Rekeyed(ILogger logger, uint channel, uint keyId, int members);

    [LoggerMessage(25, LogLevel.Warning, "A {What} for endpoint {Endpoint} could not be queued (session gone or MQTT queue full)", EventName = "ControlDropped")]
    public static partial void ControlDropped(ILogger logger, string endpoint, string what);

    [LoggerMessage(26, LogLevel.Warning, "Endpoint {Endpoint} REVOKED (trigger: {Trigger}): Bye(revoked) {ByeSent}, session dropped, removed from {Channels} channels and rekeyed them; its Hellos are refused from now on", EventName = "EndpointRevoked")]
    public static partial void EndpointRevoked(ILogger logger, string endpoint, string trigger, string byeSent, int channels);

    [LoggerMessage(30, LogLevel.Information, "Created controller identity {Path}; public key {PublicKey} (give it to bcast endpoint provision)", EventName = "IdentityCreated")]
    public static partial void IdentityCreated(ILogger logger, string path, string publicKey);

    [LoggerMessage(31, LogLevel.Information, "Controller identity {Path}; public key {PublicKey}", EventName = "IdentityLoaded")]
    public static partial void IdentityLoaded(ILogger logger, string path, string publicKey);

    [LoggerMessage(33, LogLevel.Information, "Endpoint registry {Path}: {Count} endpoints", EventName = "RegistryLoaded")]
    public static partial void RegistryLoaded(ILogger logger, string path, int count);

    [LoggerMessage(34, LogLevel.Warning, "Endpoint registry {Path} could not be re-read ({Trigger}): {Error}; keeping what was loaded, retrying at the next check", EventName = "RegistryReloadFailed")]
    public static partial void RegistryReloadFailed(ILogger logger, string path, string trigger, string error);

    [LoggerMessage(35, LogLevel.Warning, "Watching {Path} for changes failed: {Error}; relying on the periodic check every {Interval}", EventName = "RegistryWatchFailed")]
    public static partial void RegistryWatchFailed(ILogger logger, string path, string error, TimeSpan interval);

    [LoggerMessage(36, LogLevel.Information, "Endpoint registry {Path} re-read ({Trigger}): {Count} endpoints, {Revoked} revoked", EventName = "RegistryReloaded")]
    public static partial void RegistryReloaded(ILogger logger, string path, string trigger, int count, int revoked);

    [LoggerMessage(40, LogLevel.Warning, "Lab mode on: plain RTP/Opus of every broadcast goes to {Destination}; play it with: ffmpeg -protocol_whitelist file,udp,rtp -i {SdpPath} out.wav", EventName = "LabModeStarted")]
    public static partial void LabModeStarted(ILogger logger, string destination, string sdpPath);

    [LoggerMessage(100, LogLevel.Information, "Live broadcast {Id}: {Source} is on air", EventName = "LiveOnAir")]
    public static partial void LiveOnAir(ILogger logger, long id, string source);

    [LoggerMessage(101, LogLevel.Warning, "Live broadcast {Id}: input {Source} failed: {Reason}; retry {Attempt} in {Delay}", EventName = "LiveInputFailed")]
    public static partial void LiveInputFailed(ILogger logger, long id, string source, string reason, int attempt, TimeSpan delay);

    [LoggerMessage(102, LogLevel.Warning, "Live broadcast {Id}: input {Source} is back on air after {Attempts} failed attempts ({Down} without input)", EventName = "LiveRecovered")]
    public static partial void LiveRecovered(ILogger logger, long id, string source, int attempts, TimeSpan down);

    [LoggerMessage(103, LogLevel.Error, "Live broadcast {Id}: the relay of {Source} stopped on an unexpected error; stop and start the broadcast again", EventName = "LiveReaderFailed")]
    public static partial void LiveReaderFailed(ILogger logger, long id, string source, Exception exception);

    [LoggerMessage(110, LogLevel.Information, "Broadcast {Id} paused at {Position}: {Members} endpoints told to stop; they stay reserved for it", EventName = "BroadcastPaused")]
    public static partial void BroadcastPaused(ILogger logger, long id, string position, int members);

    [LoggerMessage(111, LogLevel.Information, "Broadcast {Id} resumed at {Position} on {Members} endpoints", EventName = "BroadcastResumed")]
    public static partial void BroadcastResumed(ILogger logger, long id, string position, int members);

    [LoggerMessage(112, LogLevel.Information, "Volume {Volume} set for {Count} endpoints ({Target}); {Applied} of them playing now were told at once", EventName = "VolumeSet")]
    public static partial void VolumeSet(ILogger logger, int volume, int count, string target, int applied);

    [LoggerMessage(113, LogLevel.Information, "Broadcast {Id} plays at volume {Volume} on {Applied} endpoints", EventName = "BroadcastVolumeSet")]
    public static partial void BroadcastVolumeSet(ILogger logger, long id, int volume, int applied);

    [LoggerMessage(114, LogLevel.Warning, "Volumes file {Path} could not be read ({Error}); every endpoint starts at the default volume", EventName = "VolumesUnreadable")]
    public static partial void VolumesUnreadable(ILogger logger, string path, string error);

    [LoggerMessage(120, LogLevel.Information, "Metrics: {Online} endpoints online, {Active} broadcasts, {PacketsSent} packets sent (+{PacketsDelta}), {SendErrors} send errors (+{ErrorsDelta}), {Starved} live frames starved (+{StarvedDelta}), pacer lateness p99 {LatenessP99Ms} ms over the last {Interval} ({Frames} frames)", EventName = "MetricsSummary")]
    public static partial void MetricsSummary(ILogger logger, long online, long active, long packetsSent, long packetsDelta, long sendErrors, long errorsDelta, long starved, long starvedDelta, double latenessP99Ms, TimeSpan interval, long frames);
}
