using Broadcast.Audio.Codec;
using Broadcast.FirmwareSim.Recording;
using Broadcast.FirmwareSim.Report;
using Broadcast.Protocol.Rtp;

namespace Broadcast.FirmwareSim.Playout;

/// <summary>
/// One cluster's speaker: jitter buffer, Opus decoder (in-band FEC, else PLC), playout locked to the controller
/// clock through the sender-report mapping, volume, and the recording of what it played. The output is a
/// sample-exact timeline counted from the simulator's start: frame T starts at sample
/// <c>SampleOf(ControllerTimeOf(T) + target delay)</c>, so clusters with the same delay play the same sample at
/// the same instant. Not thread-safe: the owning cluster calls it under its lock.
/// </summary>
internal sealed class ClusterPlayer : IDisposable
{
    private const int Frame = OpusRtp.SamplesPer20Ms;

    /// <summary>After this many consecutive empty frames (100 ms) the player stops and waits for media to resume.</summary>
    private const int MaxEmptyFrames = 5;

    private readonly SimClock _clock;
    private readonly Recorder? _recorder;
    private readonly double _baseDelayMs;
    private readonly AdaptiveDelay _srDelay;
    private readonly AdaptiveDelay _pinnedDelay;
    private readonly byte[] _payload = new byte[OpusRtp.MaxPayloadSize];
    private readonly float[] _pcm = new float[Frame];
    private readonly HashSet<uint> _attackerTimestamps = [];
    private OpusDecoder? _decoder;
    private long _position;
    private int _frameOffset = Frame;
    private int _emptyFrames;
    private DateTimeOffset _lastArrival;

    // Index in Stats.OutageWindows of an outage whose link is back but whose audio has not played yet (-1: none).
    private int _awaitingResume = -1;
    private TimeSpan _lastAdvance;

    // False in load-test mode (--no-decode): every playout decision is taken and counted, but no PCM is produced
    // (Opus decoding is about 40% of the simulator's CPU, docs/benchmarks.md "Simulator capacity").
    private readonly bool _decode;

    public ClusterPlayer(SimClock clock, double baseDelayMs, bool record, bool decode = true)
    {
        _clock = clock;
        _decode = decode || record;
        _baseDelayMs = baseDelayMs;
        _srDelay = new AdaptiveDelay(baseDelayMs);

        // With a pinned playout start the controller's playout delay already holds the buffer; extra delay is added
        // only when packets arrive after their instant.
        _pinnedDelay = new AdaptiveDelay(0);
        _recorder = record ? new Recorder() : null;
        _position = clock.NowSample;
        _recorder?.AppendSilence(_position);
    }

    public JitterBuffer Buffer { get; } = new();

    /// <summary>Jitter buffer delay added after the mapped instant (sender-report mode: at least the configured 60 ms).</summary>
    public AdaptiveDelay Delay => Clock.Pinned ? _pinnedDelay : _srDelay;

    private double BaseDelayMs => Clock.Pinned ? 0 : _baseDelayMs;

    public PlayoutClock Clock { get; } = new();

    public PlayoutStats Stats { get; } = new();

    public Recorder? Recording => _recorder;

    /// <summary>Channel being played (0 = none).</summary>
    public uint Channel { get; private set; }

    public bool Playing => Channel != 0;

    /// <summary>True while audio (decoded or concealed) is coming out.</summary>
    public bool Audible => Playing && Buffer.Started;

    public byte Volume { get; set; } = 100;

    public DateTimeOffset PlayoutStart { get; private set; }

    public void Play(uint channel, DateTimeOffset playoutStart)
    {
        if (channel != Channel)
        {
            Buffer.Clear();
            _frameOffset = Frame;
            _decoder?.ResetState();

            // A new programme is not the end of an outage of the previous one.
            _lastArrival = default;
            _awaitingResume = -1;
        }

        Channel = channel;
        PlayoutStart = playoutStart;
        if (playoutStart != default)
        {
            Clock.Pin(playoutStart);
        }
        else
        {
            Clock.Unpin();
        }
    }

    public void Stop()
    {
        Channel = 0;
        Clock.Unpin();
        Buffer.Clear();
        _frameOffset = Frame;
        _lastArrival = default;
        _awaitingResume = -1;
    }

    /// <summary>An authenticated frame arrived (at <paramref name="arrival"/> on the local wall-clock estimate).</summary>
    /// <param name="rtpTimestamp">RTP timestamp of the frame.</param>
    /// <param name="opus">Opus payload.</param>
    /// <param name="arrival">Arrival on the local wall-clock estimate.</param>
    /// <param name="fromAttacker">True when the simulator's attack registry says an attacker cluster sent it (classification only).</param>
    public JitterInsertResult OnFrame(uint rtpTimestamp, ReadOnlySpan<byte> opus, DateTimeOffset arrival, bool fromAttacker = false)
    {
        if (Clock.HasMapping)
        {
            var transit = (arrival - Clock.ControllerTimeOf(rtpTimestamp)).TotalMilliseconds;
            Delay.OnArrival(transit);
        }

        if (Playing && _lastArrival != default)
        {
            NoteGap(_lastArrival, arrival);
        }

        _lastArrival = arrival;
        var result = Buffer.Insert(rtpTimestamp, opus);
        if (result == JitterInsertResult.Late)
        {
            Stats.Late++;
        }
        else if (result == JitterInsertResult.Accepted)
        {
            if (fromAttacker)
            {
                if (_attackerTimestamps.Count > 4096)
                {
                    _attackerTimestamps.Clear();
                }

                _attackerTimestamps.Add(rtpTimestamp);
            }
            else if (_attackerTimestamps.Count > 0)
            {
                _attackerTimestamps.Remove(rtpTimestamp);
            }
        }

        return result;
    }

    private void NoteGap(DateTimeOffset last, DateTimeOffset arrival)
    {
        var gap = arrival - last;
        Stats.LongestGapMs = Math.Max(Stats.LongestGapMs, (long)gap.TotalMilliseconds);
        if (gap < PlayoutStats.OutageThreshold)
        {
            return;
        }

        Stats.Outages++;
        if (Stats.OutageWindows.Count < PlayoutStats.MaxOutageWindows)
        {
            Stats.OutageWindows.Add(new OutageWindow(MsSinceStart(last), MsSinceStart(arrival), null));
            _awaitingResume = Stats.OutageWindows.Count - 1;
        }
    }

    private long MsSinceStart(DateTimeOffset wall) => (long)Math.Round((wall - _clock.StartWall).TotalMilliseconds);

    /// <summary>Produces output up to <paramref name="now"/> (a sample position).</summary>
    public void Render(long now)
    {
        var elapsed = _clock.Elapsed;
        Delay.Advance(elapsed - _lastAdvance);
        _lastAdvance = elapsed;
        while (_position < now)
        {
            if (_frameOffset < Frame)
            {
                var n = (int)Math.Min(Frame - _frameOffset, now - _position);
                Emit(_pcm.AsSpan(_frameOffset, n));
                _frameOffset += n;
                continue;
            }

            if (!Playing || !Clock.HasMapping)
            {
                Silence(now - _position);
                return;
            }

            if (!Buffer.Started && !TryStart(now))
            {
                return;
            }

            if (_frameOffset < Frame)
            {
                continue;
            }

            // Drift check: where the cursor's frame should start versus where the output is.
            var drift = _position - Due(Buffer.Next);
            if (drift >= Frame)
            {
                // Behind (the delay shrank or the local clock ran slow): skip a frame to catch up.
                Buffer.TakeNext(_payload, out _);
                continue;
            }

            if (drift < -Frame / 2)
            {
                // Ahead (the delay grew): insert silence until the frame's slot.
                Silence(Math.Min(-drift, now - _position));
                continue;
            }

            NextFrame();
        }
    }

    private bool TryStart(long now)
    {
        while (Buffer.TryGetEarliest(out var first))
        {
            if (PlayoutStart != default && Clock.ControllerTimeOf(first) < PlayoutStart)
            {
                Buffer.DropEarliest();
                continue;
            }

            var due = Due(first);
            if (due > _position)
            {
                Silence(Math.Min(due, now) - _position);
                if (_position < due)
                {
                    return false;
                }
            }
            else if (_position - due >= Frame)
            {
                Buffer.DropEarliest();
                Stats.Late++;
                continue;
            }

            Buffer.Start(first);
            _emptyFrames = 0;
            return true;
        }

        Silence(now - _position);
        return false;
    }

    private void NextFrame()
    {
        var timestamp = Buffer.Next;
        var skip = (int)Math.Max(0, _position - Due(timestamp));
        var skew = (_position - skip - _clock.SampleOf(Clock.ControllerTimeOf(timestamp)) - (BaseDelayMs * 48)) / 48.0;
        if (_decode)
        {
            _decoder ??= new OpusDecoder();
        }

        switch (Buffer.TakeNext(_payload, out var length))
        {
            case JitterTakeResult.Frame:
                Decode(_payload.AsSpan(0, length), fec: false);
                Stats.PlayedFrames++;
                if (_awaitingResume >= 0)
                {
                    Stats.OutageWindows[_awaitingResume] = Stats.OutageWindows[_awaitingResume] with { ResumedMs = _position * 1000 / SimClock.SampleRate };
                    _awaitingResume = -1;
                }

                if (_attackerTimestamps.Count > 0 && _attackerTimestamps.Remove(timestamp))
                {
                    Stats.AttackerFrames++;
                }
                _emptyFrames = 0;
                break;
            case JitterTakeResult.Missing:
                if (Buffer.TryPeek(Buffer.Next, _payload, out var nextLength))
                {
                    Decode(_payload.AsSpan(0, nextLength), fec: true);
                    Stats.FecFrames++;
                }
                else
                {
                    Conceal();
                }

                Stats.ConcealedFrames++;
                _emptyFrames = 0;
                break;
            default:
                if (++_emptyFrames > MaxEmptyFrames)
                {
                    // The stream stopped or the link is down: go quiet and restart on the next frame in time.
                    Buffer.Stop();
                    _frameOffset = Frame;
                    return;
                }

                Conceal();
                Stats.ConcealedFrames++;
                break;
        }

        Stats.SkewSumMs += skew;
        Stats.SkewSamples++;
        Stats.LastSkewMs = skew;
        _frameOffset = skip;
    }

    private void Decode(ReadOnlySpan<byte> opus, bool fec)
    {
        if (_decoder is null)
        {
            return;
        }

        int n;
        try
        {
            n = _decoder.Decode(opus, _pcm, fec);
        }
        catch (OpusException)
        {
            n = 0;
        }

        if (n < Frame)
        {
            _pcm.AsSpan(Math.Max(n, 0)).Clear();
        }
    }

    private void Conceal()
    {
        if (_decoder is null)
        {
            return;
        }

        try
        {
            _decoder.DecodeLost(_pcm);
        }
        catch (OpusException)
        {
            Array.Clear(_pcm);
        }
    }

    private long Due(uint timestamp) =>
        (long)Math.Round(_clock.SampleOf(Clock.ControllerTimeOf(timestamp) + TimeSpan.FromMilliseconds(Delay.TargetMs)));

    private void Emit(ReadOnlySpan<float> samples)
    {
        _recorder?.Append(samples, Volume / 100f);
        _position += samples.Length;
    }

    private void Silence(long count)
    {
        if (count <= 0)
        {
            return;
        }

        _recorder?.AppendSilence(count);
        _position += count;
    }

    public void Dispose() => _decoder?.Dispose();
}
