using Broadcast.Protocol.Rtp;

namespace Broadcast.Protocol.Control;

/// <summary>
/// Carries an RTCP sender report (RFC 3550 section 6.4.1) inside a sealed envelope, so the playout clock
/// mapping is authenticated per endpoint like every other control message. Body: the 28-byte SR verbatim.
/// </summary>
public readonly record struct SenderReportMessage(RtcpSenderReport Report)
{
    /// <summary>Body size.</summary>
    public const int BodySize = RtcpSenderReport.Size;

    /// <summary>Reads header and body.</summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out SenderReportMessage message, out int consumed)
    {
        message = default;
        if (!ControlFrame.TryReadHeader(source, ControlMessageType.SenderReport, BodySize, BodySize, out var body, out consumed)
            || !RtcpSenderReport.TryRead(body, out var report, out var used) || used != BodySize)
        {
            consumed = 0;
            return false;
        }

        message = new SenderReportMessage(report);
        return true;
    }

    /// <summary>Writes header and body (32 bytes).</summary>
    public bool TryWrite(Span<byte> destination, out int written)
    {
        written = 0;
        if (!ControlFrame.TryWriteHeader(destination, ControlMessageType.SenderReport, BodySize, out var body)
            || !Report.TryWrite(body, out _))
        {
            return false;
        }

        written = ControlFrame.HeaderSize + BodySize;
        return true;
    }
}
