namespace Broadcast.Audio.Loudness;

/// <summary>
/// Look-ahead peak limiter: lets normalisation reach the loudness target on speech whose peaks would otherwise cross
/// the true-peak ceiling. Output is delayed by <see cref="Lookahead"/> samples; <see cref="Flush"/> drains it.
/// </summary>
/// <remarks>
/// Gain = box-average over L samples of (release-smoothed (minimum over the last L+1 required gains)). Every value
/// inside the box is at most the gain a peak needs, so the average is too: no sample leaves above the threshold,
/// without the pumping of a hard clipper. The threshold sits <see cref="IntersampleMarginDb"/> below the ceiling
/// because it acts on samples, and a true peak (BS.1770-4 annex 2) can lie between them.
/// </remarks>
internal sealed class PeakLimiter
{
    /// <summary>Headroom for peaks between samples: measured 0.6 dB on pink noise at 48 kHz, less on speech; the true peak is measured after the limiter and reported.</summary>
    public const double IntersampleMarginDb = 1.0;

    private const double AttackSeconds = 0.005;
    private const double ReleaseSeconds = 0.08;

    private readonly float _threshold;
    private readonly float _releaseStep;
    private readonly float[] _delay;
    private readonly float[] _box;
    private readonly float[] _dequeValue;
    private readonly long[] _dequeIndex;
    private int _dequeHead;
    private int _dequeCount;
    private double _boxSum;
    private float _release = 1f;
    private long _n;
    private int _slot;

    public PeakLimiter(double ceilingDbtp, int sampleRate = AudioFormat.SampleRate)
    {
        Lookahead = (int)(AttackSeconds * sampleRate);
        _threshold = (float)Math.Pow(10, (ceilingDbtp - IntersampleMarginDb) / 20);
        _releaseStep = (float)(1 - Math.Exp(-1 / (ReleaseSeconds * sampleRate)));
        _delay = new float[Lookahead];
        _box = new float[Lookahead];
        _box.AsSpan().Fill(1f);
        _boxSum = Lookahead;
        _dequeValue = new float[Lookahead + 1];
        _dequeIndex = new long[Lookahead + 1];
    }

    /// <summary>Samples of delay between input and output.</summary>
    public int Lookahead { get; }

    /// <summary>Smallest gain applied so far (1 = never engaged).</summary>
    public float MinimumGain { get; private set; } = 1f;

    /// <summary>Limits <paramref name="input"/> into <paramref name="output"/> (same length, delayed by <see cref="Lookahead"/>).</summary>
    public void Process(ReadOnlySpan<float> input, Span<float> output)
    {
        if (output.Length < input.Length)
        {
            throw new ArgumentException("output must be as long as input", nameof(output));
        }

        for (var i = 0; i < input.Length; i++)
        {
            output[i] = Step(input[i]);
        }
    }

    /// <summary>Writes the last <see cref="Lookahead"/> samples still in the delay line.</summary>
    public void Flush(Span<float> output)
    {
        for (var i = 0; i < Lookahead; i++)
        {
            output[i] = Step(0f);
        }
    }

    // Per sample, so no division or modulo: ring positions advance with compare-and-wrap.
    private float Step(float x)
    {
        var size = Lookahead + 1;
        var abs = Math.Abs(x);
        var required = abs > _threshold ? _threshold / abs : 1f;

        // Monotonic deque: the minimum required gain over the last L+1 inputs in O(1) amortised. Evict before
        // pushing so the ring (L+1 slots) never holds more than the window.
        if (_dequeCount > 0 && _dequeIndex[_dequeHead] <= _n - size)
        {
            _dequeHead = _dequeHead + 1 == size ? 0 : _dequeHead + 1;
            _dequeCount--;
        }

        while (_dequeCount > 0)
        {
            var back = _dequeHead + _dequeCount - 1;
            if (back >= size)
            {
                back -= size;
            }

            if (_dequeValue[back] < required)
            {
                break;
            }

            _dequeCount--;
        }

        var tail = _dequeHead + _dequeCount;
        if (tail >= size)
        {
            tail -= size;
        }

        _dequeValue[tail] = required;
        _dequeIndex[tail] = _n;
        _dequeCount++;

        var hold = _dequeValue[_dequeHead];
        _release = Math.Min(hold, _release + ((1f - _release) * _releaseStep));

        _boxSum += _release - _box[_slot];
        _box[_slot] = _release;
        var gain = (float)(_boxSum / Lookahead);
        if (gain < MinimumGain)
        {
            MinimumGain = gain;
        }

        // Exactly L samples of delay: the box for this output covers the L gains computed after its input arrived.
        var delayed = _delay[_slot];
        _delay[_slot] = x;
        _slot = _slot + 1 == Lookahead ? 0 : _slot + 1;
        _n++;
        return delayed * Math.Min(gain, 1f);
    }
}
