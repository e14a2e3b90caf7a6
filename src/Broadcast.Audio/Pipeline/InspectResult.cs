namespace Broadcast.Audio.Pipeline;

/// <summary>What <see cref="ProgrammeInspector"/> found in a file.</summary>
/// <param name="Codec">Codec name as ffprobe spells it (pcm_s16le, mp3, aac, opus, ...).</param>
/// <param name="SampleRate">The file's own sample rate.</param>
/// <param name="Channels">The file's own channel count.</param>
/// <param name="DurationSeconds">Duration from the decoded sample count.</param>
/// <param name="IntegratedLufs">BS.1770-4 integrated loudness; negative infinity when gated to nothing (silence).</param>
/// <param name="TruePeakDbtp">BS.1770-4 true peak (4x oversampled).</param>
/// <param name="Bitrate">Bits per second: the container's figure, else file size over duration.</param>
public sealed record InspectResult(
    string Codec,
    int SampleRate,
    int Channels,
    double DurationSeconds,
    double IntegratedLufs,
    double TruePeakDbtp,
    long Bitrate);
