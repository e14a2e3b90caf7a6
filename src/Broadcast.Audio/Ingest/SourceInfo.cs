namespace Broadcast.Audio.Ingest;

/// <summary>What the programme file was before ingest turned it into 48 kHz float PCM.</summary>
/// <param name="Codec">Codec name, e.g. <c>pcm_s16le</c>, <c>mp3</c>, <c>aac</c>.</param>
/// <param name="SampleRate">Sample rate of the file in Hz.</param>
/// <param name="Channels">Channel count of the file.</param>
/// <param name="DurationSeconds">Duration announced by the header or container, when known.</param>
/// <param name="BitRate">Bit rate in bits/s, when known.</param>
/// <param name="Container">Container/format name, e.g. <c>wav</c>, <c>mp3</c>, <c>mov,mp4,m4a,3gp,3g2,mj2</c>.</param>
public sealed record SourceInfo(
    string Codec,
    int SampleRate,
    int Channels,
    double? DurationSeconds,
    long? BitRate,
    string Container);
