namespace Broadcast.Audio.Ingest;

/// <summary>What ffprobe said about a file; <paramref name="DurationTrusted"/> is false when ffprobe only estimated the
/// duration from the bit rate (MP3 without a Xing/Info header), which a truncated file also matches.</summary>
internal sealed record ProbeResult(SourceInfo Source, bool DurationTrusted);
