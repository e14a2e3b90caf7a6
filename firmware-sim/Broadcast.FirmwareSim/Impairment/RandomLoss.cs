namespace Broadcast.FirmwareSim.Impairment;

/// <summary>Independent (Bernoulli) loss with a fixed probability per packet.</summary>
internal sealed class RandomLoss(double probability, Random random) : ILossModel
{
    public double Probability { get; } = probability;

    public bool NextIsLost() => Probability > 0 && random.NextDouble() < Probability;
}
