namespace Broadcast.FirmwareSim.Impairment;

/// <summary>
/// One cluster's simulated link: loss, outages, bandwidth cap, latency and jitter, applied in the receiving
/// process so that tests need no root. Deterministic for a given seed. Not thread-safe: a cluster's media arrives on one path (the UDP receive pump, or MQTT delivery for NAT/4G clusters).
/// </summary>
internal sealed class ImpairedLink
{
    private static readonly TimeSpan MaxQueue = TimeSpan.FromMilliseconds(200);
    private readonly ImpairmentProfile _profile;
    private readonly ILossModel? _loss;
    private readonly Random _random;
    private TimeSpan _bandwidthFreeAt;

    public ImpairedLink(ImpairmentProfile profile, int seed)
    {
        _profile = profile;
        _random = new Random(seed);
        _loss = profile.CreateLossModel(new Random(unchecked(seed * 31 + 7)));
    }

    public ImpairmentProfile Profile => _profile;

    /// <summary>True when an outage of the profile covers <paramref name="sinceStart"/>.</summary>
    public bool IsDown(TimeSpan sinceStart)
    {
        foreach (var outage in _profile.Outages)
        {
            if (outage.IsDown(sinceStart))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Decides the fate of a packet of <paramref name="bytes"/> arriving at <paramref name="sinceStart"/>.</summary>
    public LinkVerdict Admit(int bytes, TimeSpan sinceStart, out TimeSpan delay)
    {
        delay = TimeSpan.Zero;
        if (IsDown(sinceStart))
        {
            return LinkVerdict.Outage;
        }

        if (_loss?.NextIsLost() == true)
        {
            return LinkVerdict.Lost;
        }

        if (_profile.BandwidthBitsPerSecond > 0)
        {
            var start = _bandwidthFreeAt > sinceStart ? _bandwidthFreeAt : sinceStart;
            if (start - sinceStart > MaxQueue)
            {
                return LinkVerdict.Bandwidth;
            }

            var serialisation = TimeSpan.FromSeconds(bytes * 8.0 / _profile.BandwidthBitsPerSecond);
            _bandwidthFreeAt = start + serialisation;
            delay += _bandwidthFreeAt - sinceStart;
        }

        delay += _profile.Latency;
        if (_profile.Jitter > TimeSpan.Zero)
        {
            delay += TimeSpan.FromTicks((long)(_random.NextDouble() * _profile.Jitter.Ticks));
        }

        return LinkVerdict.Deliver;
    }
}
