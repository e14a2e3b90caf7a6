using Broadcast.Protocol.Rtp;

namespace Broadcast.FirmwareSim.Playout;

/// <summary>
/// Maps a channel's RTP timestamps to their playout instant on the controller's clock. When Play carries a playout
/// start (docs/protocol.md 11.2) the mapping is pinned to it; with playout start 0 ("as soon as possible") it comes
/// from the latest sender report plus the jitter buffer delay.
/// Sender-report mapping to the controller's clock from the latest sender report (RFC 3550 6.4.1):
/// controller time of timestamp T = NTP(SR) + (T - RTP(SR)) / 48 000 s.
/// </summary>
internal sealed class PlayoutClock
{
    private DateTimeOffset _srTime;
    private uint _srRtp;

    public bool HasMapping { get; private set; }

    /// <summary>True when Play fixed the mapping (docs/protocol.md 11.2: timestamp r plays at playout start + r / 48 000 s).</summary>
    public bool Pinned { get; private set; }

    /// <summary>Fixes the mapping to Play's playout start; sender reports no longer move it.</summary>
    public void Pin(DateTimeOffset playoutStart)
    {
        _srTime = playoutStart;
        _srRtp = 0;
        HasMapping = true;
        Pinned = true;
    }

    /// <summary>Back to sender-report mapping (Play with playout start 0 = as soon as possible).</summary>
    public void Unpin()
    {
        if (Pinned)
        {
            Pinned = false;
            HasMapping = false;
        }
    }

    public void Update(in RtcpSenderReport report)
    {
        if (Pinned)
        {
            return;
        }

        _srTime = NtpTimestamp.ToDateTimeOffset(report.NtpTimestamp);
        _srRtp = report.RtpTimestamp;
        HasMapping = true;
    }

    /// <summary>Controller wall-clock time at which <paramref name="rtpTimestamp"/> was stamped.</summary>
    public DateTimeOffset ControllerTimeOf(uint rtpTimestamp) =>
        _srTime + TimeSpan.FromTicks((long)(int)(rtpTimestamp - _srRtp) * TimeSpan.TicksPerSecond / OpusRtp.ClockRate);
}
