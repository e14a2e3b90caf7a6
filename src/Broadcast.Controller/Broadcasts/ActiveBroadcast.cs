using Broadcast.Controller.Streaming;
using Broadcast.Protocol.Media;

namespace Broadcast.Controller.Broadcasts;

/// <summary>A running broadcast: its channel keys, its pacer, and the delivery record of every endpoint it ever held.</summary>
internal sealed class ActiveBroadcast(long id, BroadcastRequest request, OpusProgramme programme, ChannelKeyRing keys, IReadOnlyList<string> targets, IReadOnlyList<BroadcastRefusal> refused, ulong playoutStartNtp, DateTimeOffset startWall)
{
    public long Id { get; } = id;

    public BroadcastRequest Request { get; } = request;

    public OpusProgramme Programme { get; } = programme;

    public ChannelKeyRing Keys { get; } = keys;

    public uint Channel => Keys.ChannelId;

    public IReadOnlyList<string> Targets { get; } = targets;

    public IReadOnlyList<BroadcastRefusal> Refused { get; } = refused;

    /// <summary>NTP time at which RTP timestamp 0 of the channel plays (protocol section 11.2).</summary>
    public ulong PlayoutStartNtp { get; } = playoutStartNtp;

    /// <summary>Controller wall-clock time of frame 0's deadline.</summary>
    public DateTimeOffset StartWall { get; } = startWall;

    public ChannelPacer? Pacer { get; set; }

    /// <summary>Every endpoint this broadcast has sent to, active or preempted, by id.</summary>
    public Dictionary<string, PacerMember> Delivery { get; } = new(StringComparer.Ordinal);

    public BroadcastInfo ToInfo() => new(
        Id,
        Channel,
        Programme.Path,
        Request.Target,
        Request.Priority.ToString(),
        Programme.Duration.TotalSeconds,
        Pacer?.Frame ?? 0,
        Targets,
        Refused,
        [.. Delivery.Values.Select(m => new EndpointDelivery(
            m.Endpoint.Id,
            Pacer?.Members.Contains(m) ?? false,
            Interlocked.Read(ref m.PacketsSent),
            Interlocked.Read(ref m.SendErrors),
            Interlocked.Read(ref m.NotRouted)))]);
}
