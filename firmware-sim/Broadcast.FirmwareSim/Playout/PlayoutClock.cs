using Broadcast.Protocol.Rtp;

namespace Broadcast.FirmwareSim.Playout;

/// <summary>
/// Maps a channel's RTP timestamps to the controller's clock from the latest sender report (RFC 3550 6.4.1):
/// controller time of timestamp T = NTP(SR) + (T - RTP(SR)) / 48 000 s.
/// </summary>
internal sealed class PlayoutClock
{
    private DateTimeOffset _srTime;
    private uint _srRtp;

    public bool HasMapping { get; private set; }

    public void Update(in RtcpSenderReport report)
    {
        _srTime = NtpTimestamp.ToDateTimeOffset(report.NtpTimestamp);
        _srRtp = report.RtpTimestamp;
        HasMapping = true;
    }

    /// <summary>Controller wall-clock time at which <paramref name="rtpTimestamp"/> was stamped.</summary>
    public DateTimeOffset ControllerTimeOf(uint rtpTimestamp) =>
        _srTime + TimeSpan.FromTicks((long)(int)(rtpTimestamp - _srRtp) * TimeSpan.TicksPerSecond / OpusRtp.ClockRate);
}
