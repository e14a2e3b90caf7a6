using System.Buffers.Binary;
using Broadcast.Audio.Ingest;
using Broadcast.Tests.Common;

namespace Broadcast.Audio.Tests.Ingest;

/// <summary>Hand-built WAV files (independent of the reader under test) and a read-everything helper.</summary>
internal static class IngestTestFiles
{
    /// <summary>Writes RIFF/WAVE with a fmt chunk (16 bytes, or 40 for extensible) and the given data bytes.</summary>
    public static void WriteWav(
        string path,
        ushort formatTag,
        int channels,
        int sampleRate,
        int bits,
        ReadOnlySpan<byte> data,
        bool extensible = false,
        uint? dataSizeField = null,
        int? blockAlignField = null,
        bool oddChunkBeforeData = false)
    {
        using var ms = new MemoryStream();
        var fmtSize = extensible ? 40 : 16;
        var b4 = new byte[4];
        void U32(uint v)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(b4, v);
            ms.Write(b4);
        }

        void U16(int v)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(b4, (ushort)v);
            ms.Write(b4, 0, 2);
        }

        ms.Write("RIFF"u8);
        U32(0); // patched below
        ms.Write("WAVE"u8);
        if (oddChunkBeforeData)
        {
            // An unknown chunk of odd size: the reader must skip it and its pad byte.
            ms.Write("junk"u8);
            U32(3);
            ms.Write([1, 2, 3, 0]);
        }

        ms.Write("fmt "u8);
        U32((uint)fmtSize);
        U16(extensible ? 0xFFFE : formatTag);
        U16(channels);
        U32((uint)sampleRate);
        var blockAlign = blockAlignField ?? (channels * bits / 8);
        U32((uint)(sampleRate * blockAlign));
        U16(blockAlign);
        U16(bits);
        if (extensible)
        {
            U16(22);
            U16(bits);
            U32(0); // channel mask
            U16(formatTag);
            ms.Write([0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71]);
        }

        ms.Write("data"u8);
        U32(dataSizeField ?? (uint)data.Length);
        ms.Write(data);
        var bytes = ms.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), (uint)(bytes.Length - 8));
        File.WriteAllBytes(path, bytes);
    }

    public static async Task<(float[] Samples, int Channels, SourceInfo Source)> ReadAllAsync(string path, bool mono = true)
    {
        await using var reader = await AudioIngest.OpenAsync(path, new IngestOptions { Mono = mono });
        var all = new List<float>();
        var buffer = new float[4096 * reader.Channels];
        int n;
        while ((n = await reader.ReadAsync(buffer)) > 0)
        {
            Assert.Equal(0, n % reader.Channels);
            all.AddRange(buffer.AsSpan(0, n));
        }

        return (all.ToArray(), reader.Channels, reader.Source);
    }

    /// <summary>Generates a file with ffmpeg's lavfi sources, e.g. an MP3 of a 440 Hz sine.</summary>
    public static void Ffmpeg(params string[] args)
    {
        var r = ExternalTool.Run("ffmpeg", ["-hide_banner", "-v", "error", "-y", .. args]);
        Assert.True(r.ExitCode == 0, r.StdErr);
    }

    public static int ZeroCrossings(ReadOnlySpan<float> x)
    {
        var n = 0;
        for (var i = 1; i < x.Length; i++)
        {
            if ((x[i - 1] < 0) != (x[i] < 0))
            {
                n++;
            }
        }

        return n;
    }

    public static double Rms(ReadOnlySpan<float> x)
    {
        var s = 0.0;
        foreach (var v in x)
        {
            s += v * (double)v;
        }

        return Math.Sqrt(s / x.Length);
    }
}
