using System.Numerics;
using System.Runtime.InteropServices;
using Broadcast.Audio.Dsp;

namespace Broadcast.Audio.Ingest;

/// <summary>
/// Streaming band-limited sample-rate converter: a polyphase Kaiser-windowed sinc. The ratio out/in is reduced to
/// L/M; output sample j sits at input time j*M/L, i.e. whole sample <c>ipos</c> plus fraction <c>frac/L</c>, and is the
/// dot product of the T input samples around it with the filter phase for that fraction. Output is aligned with the
/// input (no added delay) and holds ceil(n*L/M) frames for n input frames.
/// </summary>
internal sealed class Resampler
{
    /// <summary>
    /// Taps per phase when upsampling. With the cutoff at 0.45 of the lower rate the transition band is 0.1 of the input
    /// rate; Kaiser's estimate (A - 8) / (2.285 * 2pi * 0.1) gives 50 taps for 80 dB, so 64 leaves margin.
    /// </summary>
    private const int BaseTaps = 64;

    /// <summary>Kaiser beta for about 80 dB stop-band attenuation: 0.1102 * (80 - 8.7).</summary>
    private const double KaiserBeta = 7.86;

    /// <summary>Above this many phases (odd ratios such as 44,056 -> 48,000) we round to the nearest of this many:
    /// a timing error below 1/8192 sample, under -80 dB at 20 kHz, for a 2 MB table instead of an unbounded one.</summary>
    private const int MaxPhases = 4096;

    private readonly int _channels;
    private readonly long _l;
    private readonly long _m;
    private readonly int _taps;
    private readonly int _phases;
    private readonly float[] _coefficients;
    private readonly float[][] _history;
    private readonly int _maxInputFrames;
    private long _bufferStart;
    private int _bufferFrames;
    private long _ipos;
    private long _frac;
    private long _totalIn;
    private bool _flushed;

    public Resampler(int inputRate, int outputRate, int channels, int maxInputFrames)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxInputFrames);
        var g = Gcd(inputRate, outputRate);
        _l = outputRate / g;
        _m = inputRate / g;
        _channels = channels;
        _maxInputFrames = maxInputFrames;

        // Downsampling narrows the passband in input samples, so the filter must be longer by the same factor.
        _taps = BaseTaps * (int)Math.Max(1, (inputRate + outputRate - 1) / outputRate);
        _phases = (int)Math.Min(_l, MaxPhases);
        var cutoff = 0.45 * Math.Min(inputRate, outputRate) / inputRate;
        _coefficients = Design(_taps, _phases, cutoff);

        _history = new float[channels][];
        for (var c = 0; c < channels; c++)
        {
            _history[c] = new float[_taps + maxInputFrames + (_taps / 2)];
        }

        // Zeros before the first sample, so output 0 (centred on input 0) sees a full window.
        _bufferFrames = (_taps / 2) - 1;
        _bufferStart = -_bufferFrames;
    }

    public int Channels => _channels;

    /// <summary>Output frames one call can produce at most, for sizing the caller's buffer.</summary>
    public int MaxOutputFrames => (int)(((long)_maxInputFrames + _taps) * _l / _m) + 2;

    /// <summary>Consumes interleaved frames (at most the maxInputFrames given to the constructor); returns output floats written.</summary>
    public int Process(ReadOnlySpan<float> interleaved, Span<float> output)
    {
        var frames = interleaved.Length / _channels;
        if (frames > _maxInputFrames)
        {
            throw new ArgumentException($"at most {_maxInputFrames} frames per call", nameof(interleaved));
        }

        if (_flushed)
        {
            throw new InvalidOperationException("the resampler was flushed");
        }

        for (var c = 0; c < _channels; c++)
        {
            var h = _history[c].AsSpan(_bufferFrames, frames);
            for (var f = 0; f < frames; f++)
            {
                h[f] = interleaved[(f * _channels) + c];
            }
        }

        _bufferFrames += frames;
        _totalIn += frames;
        return Produce(output, long.MaxValue);
    }

    /// <summary>Ends the stream: pads with zeros and returns the last output floats.</summary>
    public int Flush(Span<float> output)
    {
        if (_flushed)
        {
            return 0;
        }

        _flushed = true;
        var pad = _taps / 2;
        for (var c = 0; c < _channels; c++)
        {
            _history[c].AsSpan(_bufferFrames, pad).Clear();
        }

        _bufferFrames += pad;
        return Produce(output, _totalIn);
    }

    private int Produce(Span<float> output, long stopAt)
    {
        var half = (_taps / 2) - 1;
        var written = 0;
        var maxFrames = output.Length / _channels;
        var produced = 0;
        while (produced < maxFrames && _ipos < stopAt)
        {
            var first = _ipos - half - _bufferStart;
            if (first + _taps > _bufferFrames)
            {
                break;
            }

            var phase = (int)(_frac * _phases / _l);
            var h = _coefficients.AsSpan(phase * _taps, _taps);
            for (var c = 0; c < _channels; c++)
            {
                output[written++] = Dot(h, _history[c].AsSpan((int)first, _taps));
            }

            produced++;
            _frac += _m;
            _ipos += _frac / _l;
            _frac %= _l;
        }

        // Keep only what the next output needs.
        var keepFrom = (int)Math.Min(_ipos - half - _bufferStart, _bufferFrames);
        if (keepFrom > 0)
        {
            for (var c = 0; c < _channels; c++)
            {
                Array.Copy(_history[c], keepFrom, _history[c], 0, _bufferFrames - keepFrom);
            }

            _bufferFrames -= keepFrom;
            _bufferStart += keepFrom;
        }

        return written;
    }

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var i = 0;
        var sum = 0f;
        if (Vector.IsHardwareAccelerated && a.Length >= Vector<float>.Count)
        {
            var acc = Vector<float>.Zero;
            var va = MemoryMarshal.Cast<float, Vector<float>>(a);
            var vb = MemoryMarshal.Cast<float, Vector<float>>(b);
            for (var k = 0; k < va.Length; k++)
            {
                acc += va[k] * vb[k];
            }

            sum = Vector.Sum(acc);
            i = va.Length * Vector<float>.Count;
        }

        for (; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    /// <summary>Phase p holds the taps for an output at fraction p/phases past input sample "half".</summary>
    private static float[] Design(int taps, int phases, double cutoff)
    {
        var coefficients = new float[taps * phases];
        var half = (taps / 2) - 1;
        var radius = taps / 2.0;
        var row = new double[taps];
        for (var p = 0; p < phases; p++)
        {
            var frac = (double)p / phases;
            var sum = 0.0;
            for (var k = 0; k < taps; k++)
            {
                var d = k - half - frac;
                var x = d / radius;
                var window = KaiserWindow.At(x, KaiserBeta);
                var arg = 2 * cutoff * d;
                var sinc = Math.Abs(arg) < 1e-12 ? 1.0 : Math.Sin(Math.PI * arg) / (Math.PI * arg);
                row[k] = 2 * cutoff * sinc * window;
                sum += row[k];
            }

            // Unity gain at DC for every phase, or a constant input would come out with a ripple at the phase rate.
            for (var k = 0; k < taps; k++)
            {
                coefficients[(p * taps) + k] = (float)(row[k] / sum);
            }
        }

        return coefficients;
    }

    private static int Gcd(int a, int b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}
