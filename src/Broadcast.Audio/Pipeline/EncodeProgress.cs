namespace Broadcast.Audio.Pipeline;

/// <summary>Progress of one programme encode, reported a few times per second at most.</summary>
/// <param name="Phase">What the pipeline is doing.</param>
/// <param name="Fraction">0..1 of the whole job (measuring counts as the first half), or null when the source length is unknown.</param>
/// <param name="ProcessedSeconds">Seconds of audio through the current phase so far.</param>
public readonly record struct EncodeProgress(EncodePhase Phase, double? Fraction, double ProcessedSeconds);
