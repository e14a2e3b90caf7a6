using Broadcast.Audio.Ingest;

namespace Broadcast.Audio.Pipeline;

/// <summary>What one programme encode produced and measured.</summary>
public sealed record EncodeResult
{
    public required string OutputPath { get; init; }

    public required SourceInfo Source { get; init; }

    /// <summary>Duration of the programme, from the decoded sample count.</summary>
    public required double DurationSeconds { get; init; }

    /// <summary>Integrated loudness of the source (mono downmix), LUFS; negative infinity for silence.</summary>
    public required double SourceLufs { get; init; }

    public required double SourceTruePeakDbtp { get; init; }

    /// <summary>Gain applied, dB.</summary>
    public required double GainDb { get; init; }

    /// <summary>Loudness of the normalised audio as handed to the encoder, measured (the codec may shift it slightly).</summary>
    public required double OutputLufs { get; init; }

    public required double OutputTruePeakDbtp { get; init; }

    /// <summary>The look-ahead peak limiter was engaged to keep peaks under the ceiling.</summary>
    public required bool Limited { get; init; }

    /// <summary>The target loudness could not be reached without exceeding the true-peak ceiling; the gain was capped.</summary>
    public required bool PeakLimited { get; init; }

    /// <summary>The source has no measurable programme loudness (silence or near silence); it was kept at its level, not amplified.</summary>
    public required bool Silent { get; init; }

    public required long OutputBytes { get; init; }

    public required long Packets { get; init; }

    /// <summary>True when the programme was too long to hold in memory and was decoded twice.</summary>
    public required bool DecodedTwice { get; init; }
}
