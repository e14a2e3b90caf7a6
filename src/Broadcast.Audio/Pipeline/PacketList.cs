using System.Buffers;

namespace Broadcast.Audio.Pipeline;

/// <summary>Opus packets of one encoded segment, kept contiguously until the Ogg writer takes them in order.</summary>
internal sealed class PacketList : IDisposable
{
    private byte[] _bytes = ArrayPool<byte>.Shared.Rent(64 * 1024);
    private readonly List<int> _lengths = [];
    private int _used;

    public int Count => _lengths.Count;

    public void Add(ReadOnlySpan<byte> packet)
    {
        if (_used + packet.Length > _bytes.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_bytes.Length * 2, _used + packet.Length));
            _bytes.AsSpan(0, _used).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_bytes);
            _bytes = bigger;
        }

        packet.CopyTo(_bytes.AsSpan(_used));
        _used += packet.Length;
        _lengths.Add(packet.Length);
    }

    /// <summary>Calls <paramref name="write"/> for every packet in order.</summary>
    public void ForEach(Action<ReadOnlyMemory<byte>> write)
    {
        var offset = 0;
        foreach (var length in _lengths)
        {
            write(_bytes.AsMemory(offset, length));
            offset += length;
        }
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_bytes);
        _bytes = [];
        _lengths.Clear();
    }
}
