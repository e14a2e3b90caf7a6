namespace Broadcast.Controller.Streaming.Live;

/// <summary>
/// A live input as the API shows it. <c>State</c> is <c>connecting</c>, <c>live</c>, <c>retrying</c> or
/// <c>stopped</c>; <c>Attempt</c> counts consecutive failures (0 once the input has run steadily again);
/// <c>LastError</c> is ffmpeg's last error line (or the stall / end-of-stream reason) of the last failure.
/// </summary>
public sealed record LiveStatus(
    string Source,
    string State,
    int Attempt,
    string? LastError,
    DateTimeOffset? LastErrorAt,
    DateTimeOffset? NextRetryAt,
    int Failures,
    long FramesEncoded,
    long FramesStarved,
    long FramesSkipped,
    double BufferedMs);
