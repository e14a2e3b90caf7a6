using System.Buffers.Binary;

namespace Broadcast.FirmwareSim.Recording;

/// <summary>Writes 16-bit PCM mono WAV (RIFF, little-endian as the format requires).</summary>
internal static class WavWriter
{
    public const int HeaderSize = 44;

    public static void Write(string path, ReadOnlySpan<short> samples, int sampleRate = 48_000)
    {
        var temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            Write(stream, samples, sampleRate);
        }

        File.Move(temp, path, overwrite: true);
    }

    public static void Write(Stream stream, ReadOnlySpan<short> samples, int sampleRate = 48_000)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var dataBytes = checked(samples.Length * 2);
        Span<byte> header = stackalloc byte[HeaderSize];
        "RIFF"u8.CopyTo(header);
        BinaryPrimitives.WriteInt32LittleEndian(header[4..], 36 + dataBytes);
        "WAVE"u8.CopyTo(header[8..]);
        "fmt "u8.CopyTo(header[12..]);
        BinaryPrimitives.WriteInt32LittleEndian(header[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(header[20..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(header[22..], 1);
        BinaryPrimitives.WriteInt32LittleEndian(header[24..], sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(header[28..], sampleRate * 2);
        BinaryPrimitives.WriteInt16LittleEndian(header[32..], 2);
        BinaryPrimitives.WriteInt16LittleEndian(header[34..], 16);
        "data"u8.CopyTo(header[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(header[40..], dataBytes);
        stream.Write(header);
        var buffer = new byte[8192];
        while (!samples.IsEmpty)
        {
            var n = Math.Min(samples.Length, buffer.Length / 2);
            for (var i = 0; i < n; i++)
            {
                BinaryPrimitives.WriteInt16LittleEndian(buffer.AsSpan(i * 2), samples[i]);
            }

            stream.Write(buffer, 0, n * 2);
            samples = samples[n..];
        }
    }
}
