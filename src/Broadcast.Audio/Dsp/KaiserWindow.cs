namespace Broadcast.Audio.Dsp;

/// <summary>The Kaiser window, shared by the resampler and the true-peak interpolator filter designs.</summary>
internal static class KaiserWindow
{
    /// <summary>Window value at <paramref name="x"/> in [-1, 1] (0 outside) for shape <paramref name="beta"/>.</summary>
    public static double At(double x, double beta)
        => Math.Abs(x) >= 1 ? 0 : BesselI0(beta * Math.Sqrt(1 - (x * x))) / BesselI0(beta);

    /// <summary>Modified Bessel function of the first kind, order 0, by its power series (fast for beta below 20).</summary>
    public static double BesselI0(double x)
    {
        double sum = 1, term = 1;
        var q = x * x / 4;
        for (var k = 1; k < 50; k++)
        {
            term *= q / (k * k);
            sum += term;
            if (term < sum * 1e-17)
            {
                break;
            }
        }

        return sum;
    }
}
