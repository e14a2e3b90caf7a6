namespace Broadcast.Audio.Loudness;

/// <summary>The gain that brings a programme to its loudness target, and what the programme will measure afterwards.</summary>
/// <param name="GainDb">Gain to apply in dB (negative attenuates).</param>
/// <param name="PeakLimited">True when the gain was reduced so the true peak stays at or below the ceiling; the
/// programme will then be quieter than the target.</param>
/// <param name="Silent">True when the programme is silent (integrated loudness undefined or below -70 LUFS): it is
/// not amplified, since that would only raise the noise floor.</param>
/// <param name="ExpectedLufs">Integrated loudness after the gain.</param>
/// <param name="ExpectedTruePeak">True peak in dBTP after the gain.</param>
public sealed record NormalizationPlan(double GainDb, bool PeakLimited, bool Silent, double ExpectedLufs, double ExpectedTruePeak);
