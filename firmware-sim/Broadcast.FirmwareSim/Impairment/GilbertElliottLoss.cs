namespace Broadcast.FirmwareSim.Impairment;

/// <summary>
/// Bursty loss, two-state Gilbert-Elliott model in its simple Gilbert form: in Good nothing is lost, in Bad every
/// packet is lost; p = P(Good -> Bad), r = P(Bad -> Good) per packet. Long-run loss = p / (p + r), mean burst 1 / r
/// packets (the parameters `tc netem loss gemodel p r` takes).
/// </summary>
internal sealed class GilbertElliottLoss(double p, double r, Random random) : ILossModel
{
    private bool _bad;

    public double P { get; } = p;

    public double R { get; } = r;

    /// <summary>Expected long-run loss rate.</summary>
    public double ExpectedLoss => P + R == 0 ? 0 : P / (P + R);

    public bool NextIsLost()
    {
        _bad = _bad ? random.NextDouble() >= R : random.NextDouble() < P;
        return _bad;
    }
}
