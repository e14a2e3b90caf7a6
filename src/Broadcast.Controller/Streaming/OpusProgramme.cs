using Broadcast.Audio.Codec;
using Broadcast.Audio.Ogg;

namespace Broadcast.Controller.Streaming;

/// <summary>
/// A programme's Opus packets held in one array: the pacer reads frames by index with no allocation and no I/O on
/// the media path. 32 kb/s is 14 MB per hour, so holding it is cheaper than a reader thread.
/// </summary>
internal sealed class OpusProgramme
{
    private readonly byte[] _data;
    private readonly int[] _offsets;

    private OpusProgramme(string path, byte[] data, int[] offsets)
    {
        Path = path;
        _data = data;
        _offsets = offsets;
    }

    public string Path { get; }

    public int FrameCount => _offsets.Length - 1;

    public TimeSpan Duration => PacerSchedule.NominalOffset(FrameCount);

    public ReadOnlySpan<byte> Frame(int index) => _data.AsSpan(_offsets[index], _offsets[index + 1] - _offsets[index]);

    /// <summary>A playlist as one programme: the frames of each part, in order, with no gap between them.</summary>
    public static OpusProgramme Concatenate(string label, IReadOnlyList<OpusProgramme> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count == 1)
        {
            return parts[0];
        }

        var data = new byte[parts.Sum(p => p._data.Length)];
        var offsets = new int[parts.Sum(p => p.FrameCount) + 1];
        int at = 0, frame = 0;
        foreach (var part in parts)
        {
            part._data.CopyTo(data, at);
            for (var i = 1; i <= part.FrameCount; i++)
            {
                offsets[++frame] = at + part._offsets[i];
            }

            at += part._data.Length;
        }

        return new OpusProgramme(label, data, offsets);
    }

    /// <summary>Reads an Ogg Opus file of 20 ms mono packets; throws <see cref="ProgrammeException"/> with a technician's message.</summary>
    public static OpusProgramme Load(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            var reader = new OggOpusReader(stream);
            var data = new MemoryStream();
            var offsets = new List<int> { 0 };
            while (reader.TryReadPacket(out var packet))
            {
                var samples = OpusDecoder.GetPacketSamples(packet.Span);
                if (samples != 960)
                {
                    throw new ProgrammeException($"{path}: packet {offsets.Count} holds {samples} samples; the streaming engine sends 20 ms (960-sample) frames only: re-encode it with bcast encode");
                }

                if (packet.Length > Protocol.Media.SecureMediaLayout.MaxPayloadSize)
                {
                    throw new ProgrammeException($"{path}: packet {offsets.Count} of {packet.Length} bytes is larger than a media packet can carry");
                }

                data.Write(packet.Span);
                offsets.Add((int)data.Length);
            }

            if (offsets.Count == 1)
            {
                throw new ProgrammeException($"{path}: the file holds no audio packets");
            }

            return new OpusProgramme(path, data.ToArray(), [.. offsets]);
        }
        catch (OggFormatException ex)
        {
            throw new ProgrammeException($"{path}: not a valid Ogg Opus file: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ProgrammeException($"{path}: cannot read the programme: {ex.Message}", ex);
        }
    }
}
