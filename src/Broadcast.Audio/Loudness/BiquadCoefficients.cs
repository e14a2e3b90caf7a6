namespace Broadcast.Audio.Loudness;

/// <summary>Second-order section coefficients, normalised so that a0 = 1 (BS.1770-4 Annex 1 notation).</summary>
internal readonly record struct BiquadCoefficients(double B0, double B1, double B2, double A1, double A2);
