namespace Broadcast.Audio.Loudness;

/// <summary>
/// Streaming loudness meter per ITU-R BS.1770-4 / EBU R128: integrated loudness (gated), true peak, sample peak and
/// loudness range (EBU Tech 3342). Feed interleaved float PCM in blocks of any size with <see cref="Process"/>; read
/// the figures at any time. Allocates only in the constructor and, rarely, when the block log doubles.
/// </summary>
public sealed class LoudnessMeter
{
    /// <summary>BS.1770-4 section 2.8: absolute gate at -70 LKFS.</summary>
    private const double AbsoluteGateLkfs = -70.0;

    /// <summary>BS.1770-4 section 2.8: relative gate 10 LU below the absolute-gated loudness.</summary>
    private const double RelativeGateLu = -10.0;

    /// <summary>EBU Tech 3342: loudness range uses a relative gate 20 LU down and the 10th..95th percentiles.</summary>
    private const double RangeRelativeGateLu = -20.0;

    /// <summary>BS.1770-4 eq. 2: the -0.691 dB offset makes a 997 Hz 0 dBFS sine in one channel read -3.01 LKFS.</summary>
    private const double Offset = -0.691;

    /// <summary>A 400 ms gating block is four 100 ms steps (75% overlap, BS.1770-4 section 2.8).</summary>
    private const int StepsPerBlock = 4;

    /// <summary>Short-term loudness (3 s, EBU Tech 3341) for the loudness range is thirty 100 ms steps.</summary>
    private const int StepsPerShortTerm = 30;

    private static readonly double AbsoluteGateEnergy = Math.Pow(10, (AbsoluteGateLkfs - Offset) / 10);

    private readonly int _channels;
    private readonly int _stepFrames;
    private readonly double[] _weights;
    private readonly BiquadCoefficients _pre;
    private readonly BiquadCoefficients _rlb;

    /// <summary>Filter state per channel: 2 for the pre-filter, 2 for the RLB high-pass (transposed direct form II).</summary>
    private readonly double[] _state;
    private readonly TruePeakDetector? _peak;
    private readonly double[] _steps = new double[StepsPerShortTerm];
    private double _stepSum;
    private int _stepFill;
    private long _stepCount;
    private double[] _blocks = new double[1024];
    private int _blockCount;
    private double[] _shortTerm = new double[256];
    private int _shortTermCount;

    /// <summary>Creates a meter for interleaved input of <paramref name="channels"/> channels.</summary>
    /// <param name="channels">Channel count. With 6 channels the order is L, R, C, LFE, Ls, Rs and LFE is not
    /// counted; with 5 it is L, R, C, Ls, Rs (BS.1770-4 Table 3).</param>
    /// <param name="sampleRate">Sample rate in Hz; filters are derived for rates other than 48 kHz.</param>
    /// <param name="truePeak">False skips the 4x oversampled peak (about half the cost) when only loudness is needed;
    /// the peak properties then read negative infinity.</param>
    public LoudnessMeter(int channels, int sampleRate = AudioFormat.SampleRate, bool truePeak = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 8000);
        _channels = channels;
        SampleRate = sampleRate;
        _stepFrames = (int)Math.Round(sampleRate / 10.0);
        _weights = ChannelWeights(channels);
        _pre = KWeighting.PreFilter(sampleRate);
        _rlb = KWeighting.RlbHighPass(sampleRate);
        _state = new double[channels * 4];
        _peak = truePeak ? new TruePeakDetector(channels) : null;
    }

    public int Channels => _channels;

    public int SampleRate { get; }

    /// <summary>Frames processed so far.</summary>
    public long Frames { get; private set; }

    /// <summary>Gated integrated loudness in LUFS (BS.1770-4 eq. 7); <see cref="double.NegativeInfinity"/> when no
    /// 400 ms block passes the gates (silence, or less than 400 ms of audio).</summary>
    public double IntegratedLufs
    {
        get
        {
            var blocks = _blocks.AsSpan(0, _blockCount);
            var absolute = GatedMean(blocks, AbsoluteGateEnergy);
            if (absolute == 0)
            {
                return double.NegativeInfinity;
            }

            // Relative gate: Gamma_r = loudness of the absolute-gated blocks - 10 LU; the -0.691 offsets cancel in energy.
            var relative = absolute * Math.Pow(10, RelativeGateLu / 10);
            var gated = GatedMean(blocks, Math.Max(relative, AbsoluteGateEnergy));
            return gated == 0 ? double.NegativeInfinity : Offset + (10 * Math.Log10(gated));
        }
    }

    /// <summary>Maximum true peak over all channels in dBTP (BS.1770-4 Annex 2); -infinity for digital silence.</summary>
    public double TruePeakDbtp => _peak is null ? double.NegativeInfinity : ToDb(_peak.TruePeak);

    /// <summary>Maximum absolute sample value over all channels in dBFS.</summary>
    public double SamplePeakDbfs => _peak is null ? double.NegativeInfinity : ToDb(_peak.SamplePeak);

    /// <summary>Loudness range in LU (EBU Tech 3342): spread between the 10th and 95th percentile of the gated 3 s
    /// short-term loudness; 0 when fewer than two short-term values pass the gates.</summary>
    public double LoudnessRangeLu
    {
        get
        {
            var st = _shortTerm.AsSpan(0, _shortTermCount);
            var absolute = GatedMean(st, AbsoluteGateEnergy);
            if (absolute == 0)
            {
                return 0;
            }

            var threshold = Math.Max(absolute * Math.Pow(10, RangeRelativeGateLu / 10), AbsoluteGateEnergy);
            var kept = new List<double>(st.Length);
            foreach (var e in st)
            {
                if (e > threshold)
                {
                    kept.Add(e);
                }
            }

            if (kept.Count < 2)
            {
                return 0;
            }

            kept.Sort();
            var low = kept[(int)Math.Round((kept.Count - 1) * 0.10)];
            var high = kept[(int)Math.Round((kept.Count - 1) * 0.95)];
            return 10 * Math.Log10(high / low);
        }
    }

    /// <summary>Adds interleaved samples; the length must be a whole number of frames.</summary>
    public void Process(ReadOnlySpan<float> interleaved)
    {
        if (interleaved.Length % _channels != 0)
        {
            throw new ArgumentException($"{interleaved.Length} samples is not a whole number of {_channels}-channel frames", nameof(interleaved));
        }

        _peak?.Process(interleaved);
        var frames = interleaved.Length / _channels;
        Frames += frames;
        var offset = 0;
        while (offset < frames)
        {
            var n = Math.Min(frames - offset, _stepFrames - _stepFill);
            for (var c = 0; c < _channels; c++)
            {
                if (_weights[c] != 0)
                {
                    _stepSum += _weights[c] * FilterAndSquare(interleaved, c, offset, n);
                }
            }

            _stepFill += n;
            offset += n;
            if (_stepFill == _stepFrames)
            {
                CompleteStep();
            }
        }
    }

    /// <summary>K-weights frames [offset, offset+n) of channel c and returns the sum of squares (BS.1770-4 eq. 1).</summary>
    private double FilterAndSquare(ReadOnlySpan<float> interleaved, int c, int offset, int n)
    {
        var s = _state.AsSpan(c * 4, 4);
        double z1 = s[0], z2 = s[1], z3 = s[2], z4 = s[3];
        double pb0 = _pre.B0, pb1 = _pre.B1, pb2 = _pre.B2, pa1 = _pre.A1, pa2 = _pre.A2;
        double rb0 = _rlb.B0, rb1 = _rlb.B1, rb2 = _rlb.B2, ra1 = _rlb.A1, ra2 = _rlb.A2;
        var sum = 0.0;
        var stride = _channels;
        var src = interleaved[((offset * stride) + c)..];
        for (int i = 0, j = 0; i < n; i++, j += stride)
        {
            double x = src[j];
            var y = (pb0 * x) + z1;
            z1 = (pb1 * x) - (pa1 * y) + z2;
            z2 = (pb2 * x) - (pa2 * y);
            var k = (rb0 * y) + z3;
            z3 = (rb1 * y) - (ra1 * k) + z4;
            z4 = (rb2 * y) - (ra2 * k);
            sum += k * k;
        }

        s[0] = Flush(z1);
        s[1] = Flush(z2);
        s[2] = Flush(z3);
        s[3] = Flush(z4);
        return sum;
    }

    private void CompleteStep()
    {
        _steps[_stepCount % StepsPerShortTerm] = _stepSum;
        _stepCount++;
        _stepSum = 0;
        _stepFill = 0;
        if (_stepCount >= StepsPerBlock)
        {
            Append(ref _blocks, ref _blockCount, WindowEnergy(StepsPerBlock));
        }

        if (_stepCount >= StepsPerShortTerm)
        {
            Append(ref _shortTerm, ref _shortTermCount, WindowEnergy(StepsPerShortTerm));
        }
    }

    /// <summary>Channel-weighted mean square of the last <paramref name="steps"/> 100 ms steps (BS.1770-4 eq. 2's sum).</summary>
    private double WindowEnergy(int steps)
    {
        var sum = 0.0;
        for (var i = 1; i <= steps; i++)
        {
            sum += _steps[(_stepCount - i) % StepsPerShortTerm];
        }

        return sum / ((double)steps * _stepFrames);
    }

    private static void Append(ref double[] log, ref int count, double value)
    {
        if (count == log.Length)
        {
            // Doubling: ten blocks a second, so a 3-hour programme reaches 108,000 entries after seven resizes.
            Array.Resize(ref log, log.Length * 2);
        }

        log[count++] = value;
    }

    /// <summary>Mean of the energies above <paramref name="threshold"/>, 0 when none is.</summary>
    private static double GatedMean(ReadOnlySpan<double> energies, double threshold)
    {
        var sum = 0.0;
        var count = 0;
        foreach (var e in energies)
        {
            if (e > threshold)
            {
                sum += e;
                count++;
            }
        }

        return count == 0 ? 0 : sum / count;
    }

    /// <summary>BS.1770-4 Table 3: 1.0 for L, R, C; 1.41 (+1.5 dB) for the surrounds; LFE excluded.</summary>
    private static double[] ChannelWeights(int channels)
    {
        var w = new double[channels];
        Array.Fill(w, 1.0);
        if (channels == 6)
        {
            w[3] = 0;
            w[4] = w[5] = 1.41;
        }
        else if (channels == 5)
        {
            w[3] = w[4] = 1.41;
        }

        return w;
    }

    /// <summary>After a signal stops, IIR state decays into subnormals, which are up to 100x slower to compute with;
    /// zeroing below 1e-30 (about -600 dB) changes no figure.</summary>
    private static double Flush(double z) => Math.Abs(z) < 1e-30 ? 0 : z;

    private static double ToDb(float linear) => linear > 0 ? 20 * Math.Log10(linear) : double.NegativeInfinity;
}
