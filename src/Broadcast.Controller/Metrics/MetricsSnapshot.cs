namespace Broadcast.Controller.Metrics;

/// <summary>What <c>GET /api/metrics</c> returns.</summary>
public sealed record MetricsSnapshot(
    long PacketsSent,
    long SendErrors,
    long PacerFrames,
    double PacerLatenessP50Ms,
    double PacerLatenessP99Ms,
    double PacerLatenessMaxMs,
    long EndpointsOnline,
    long HandshakesAccepted,
    IReadOnlyDictionary<string, long> HandshakesRefused,
    long UdpRegistrationsRefused,
    long ActiveBroadcasts = 0,
    long LiveFramesStarved = 0,
    long LiveInputFailures = 0);
