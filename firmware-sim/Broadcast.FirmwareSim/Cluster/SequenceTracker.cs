namespace Broadcast.FirmwareSim.Cluster;

/// <summary>RTP sequence accounting (RFC 3550 A.3): expected = extended highest - first + 1; lost = expected - received.</summary>
internal sealed class SequenceTracker
{
    private bool _started;
    private long _first;
    private long _highest;

    public long Received { get; private set; }

    public long Expected => _started ? _highest - _first + 1 : 0;

    public long Lost => Math.Max(0, Expected - Received);

    public void Add(ushort sequence)
    {
        Received++;
        if (!_started)
        {
            _started = true;
            _first = _highest = sequence;
            return;
        }

        var delta = (short)(sequence - (ushort)_highest);
        var extended = _highest + delta;
        if (extended > _highest)
        {
            _highest = extended;
        }
        else if (extended < _first)
        {
            _first = extended;
        }
    }
}
