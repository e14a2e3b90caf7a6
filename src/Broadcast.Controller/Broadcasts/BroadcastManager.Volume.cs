using Broadcast.Controller.Hosting;
using Broadcast.Protocol.Control;

namespace Broadcast.Controller.Broadcasts;

/// <summary>
/// Volume, carried by the Command volume byte (protocol section 4.4): Play carries the volume to play at, and kind 3
/// (Volume) changes it while a channel plays. What an endpoint plays at: an emergency's configured volume
/// (<see cref="ControllerOptions.EmergencyVolume"/>, whatever was set for the endpoint), else the volume set on the
/// broadcast, else the endpoint's own, else <see cref="ControllerOptions.DefaultVolume"/>.
/// </summary>
internal sealed partial class BroadcastManager
{
    /// <summary>
    /// Sets the volume of <paramref name="endpointIds"/> (kept across restarts); endpoints playing a broadcast that
    /// follows their own volume get a Volume command now, the others carry it in their next Play.
    /// </summary>
    /// <exception cref="IOException">The volumes file could not be saved (the volume is set until the next restart).</exception>
    public VolumeOutcome SetVolume(IReadOnlyList<string> endpointIds, byte volume, string target)
    {
        ArgumentNullException.ThrowIfNull(endpointIds);
        var applied = 0;
        lock (_gate)
        {
            try
            {
                volumes.Set(endpointIds, volume);
            }
            finally
            {
                foreach (var id in endpointIds)
                {
                    if (!_revoked.Contains(id) && _arbiter.ActiveOn(id) is { } playing && _active.TryGetValue(playing, out var broadcast)
                        && !broadcast.Paused && broadcast.Volume is null && broadcast.Request.Priority != BroadcastPriority.Emergency
                        && sessions.Find(id) is { } record && SendCommand(broadcast, record, CommandKind.Volume))
                    {
                        applied++;
                    }
                }
            }
        }

        ControllerLog.VolumeSet(logger, volume, endpointIds.Count, target, applied);
        return new VolumeOutcome(target, volume, endpointIds.Count, applied);
    }

    /// <summary>Sets the volume broadcast <paramref name="id"/> plays at on all its endpoints; null when no such broadcast runs.</summary>
    public BroadcastInfo? SetBroadcastVolume(long id, byte volume)
    {
        lock (_gate)
        {
            if (!_active.TryGetValue(id, out var broadcast))
            {
                return null;
            }

            broadcast.Volume = volume;
            var applied = 0;
            if (!broadcast.Paused)
            {
                foreach (var member in broadcast.Pacer!.Members)
                {
                    applied += SendCommand(broadcast, member.Endpoint, CommandKind.Volume) ? 1 : 0;
                }
            }

            ControllerLog.BroadcastVolumeSet(logger, id, VolumeFor(broadcast, string.Empty), applied);
            return broadcast.ToInfo();
        }
    }

    private byte VolumeFor(ActiveBroadcast broadcast, string endpointId)
    {
        var o = options.Value;
        if (broadcast.Request.Priority == BroadcastPriority.Emergency)
        {
            return (byte)Math.Min(broadcast.Volume ?? o.EmergencyVolume, o.EmergencyVolume);
        }

        return broadcast.Volume ?? volumes.Find(endpointId) ?? (byte)o.DefaultVolume;
    }
}
