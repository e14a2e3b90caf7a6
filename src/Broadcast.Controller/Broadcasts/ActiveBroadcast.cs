using Broadcast.Controller.Streaming;
using Broadcast.Controller.Streaming.Live;
using Broadcast.Protocol.Media;

namespace Broadcast.Controller.Broadcasts;

/// <summary>A running broadcast: its channel keys, its pacer, and the delivery record of every endpoint it ever held.</summary>
internal sealed class ActiveBroadcast(long id, BroadcastRequest request, IFrameSource source, ChannelKeyRing keys, IReadOnlyList<string> targets, IReadOnlyList<BroadcastRefusal> refused, ulong playoutStartNtp, DateTimeOffset startWall)
{
    public long Id { get; } = id;

    public BroadcastRequest Request { get; } = request;

    /// <summary>The recorded programme or the live input the pacer takes its frames from.</summary>
    public IFrameSource Source { get; } = source;

    public ChannelKeyRing Keys { get; } = keys;

    public uint Channel => Keys.ChannelId;

    public IReadOnlyList<string> Targets { get; } = targets;

    public IReadOnlyList<BroadcastRefusal> Refused { get; } = refused;

    /// <summary>NTP time at which RTP timestamp 0 of the channel plays (protocol section 11.2).</summary>
    public ulong PlayoutStartNtp { get; } = playoutStartNtp;

    /// <summary>Controller wall-clock time of frame 0's deadline.</summary>
    public DateTimeOffset StartWall { get; } = startWall;

    public ChannelPacer? Pacer { get; set; }

    /// <summary>Paused by an operator: the pacer sends nothing, members were told Stop, the claims stay.</summary>
    public bool Paused { get; set; }

    /// <summary>Volume set for this broadcast (overrides the endpoints' own volumes); null: theirs.</summary>
    public byte? Volume { get; set; }

    /// <summary>Every endpoint this broadcast has sent to, active or preempted, by id.</summary>
    public Dictionary<string, PacerMember> Delivery { get; } = new(StringComparer.Ordinal);

    public BroadcastInfo ToInfo()
    {
        var frame = Pacer?.Frame ?? 0;
        var position = Source.ProgrammeFrameAt(frame);
        return new(
            Id,
            Channel,
            Source.Label,
            Request.Target,
            Request.Priority.ToString(),
            Source.FrameCount is { } count ? PacerSchedule.NominalOffset(count).TotalSeconds : 0,
            frame,
            Targets,
            Refused,
            [.. Delivery.Values.Select(m => new EndpointDelivery(
                m.Endpoint.Id,
                Pacer?.Members.Contains(m) ?? false,
                Interlocked.Read(ref m.PacketsSent),
                Interlocked.Read(ref m.SendErrors),
                Interlocked.Read(ref m.NotRouted)))])
        {
            State = Paused ? "paused" : "playing",
            PositionSeconds = position is { } p ? PacerSchedule.NominalOffset(p).TotalSeconds : null,
            Volume = Volume,
            Live = (Source as LiveFrameSource)?.Status,
        };
    }
}
