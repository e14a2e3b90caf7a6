using System.Diagnostics;
using Broadcast.Audio.Ingest;
using Broadcast.Tests.Common;
using static Broadcast.Audio.Tests.Ingest.IngestTestFiles;

namespace Broadcast.Audio.Tests.Ingest;

public sealed class IngestErrorTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static async Task<AudioIngestException> OpenFails(string path, IngestOptions? options = null)
    {
        var e = await Assert.ThrowsAsync<AudioIngestException>(() => AudioIngest.OpenAsync(path, options ?? IngestOptions.Default));
        Assert.StartsWith(Path.GetFileName(path) + ": ", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Equal(path, e.FilePath);
        return e;
    }

    [Fact]
    public async Task OpenAsync_MissingPath_FileNotFound()
    {
        var e = await OpenFails(_dir.File("nowhere.mp3"));
        Assert.Equal(AudioIngestError.FileNotFound, e.Error);
    }

    [Fact]
    public async Task OpenAsync_EmptyFile_EmptyFile()
    {
        var path = _dir.File("empty.wav");
        File.WriteAllBytes(path, []);
        var e = await OpenFails(path);
        Assert.Equal(AudioIngestError.EmptyFile, e.Error);
    }

    [Fact]
    public async Task OpenAsync_RandomBytes_NotAudioWithFfmpegReason()
    {
        var path = _dir.File("clip.mp3");
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        File.WriteAllBytes(path, bytes);

        var e = await OpenFails(path);

        Assert.Equal(AudioIngestError.NotAudio, e.Error);
        // ffmpeg's reason depends on what it guessed the bytes were ("Invalid data found when processing input",
        // "Invalid argument" after a low-score MP3 guess); the message must carry it in brackets.
        Assert.Matches(@"^clip\.mp3: not an audio file ffmpeg can read \(Invalid [^()]+\)$", e.Message);
    }

    [Fact]
    public async Task OpenAsync_VideoWithoutSound_NotAudio()
    {
        var path = _dir.File("video.avi");
        Ffmpeg("-f", "lavfi", "-i", "color=c=black:s=32x32:d=0.2", "-c:v", "mpeg4", path);
        var e = await OpenFails(path);
        Assert.Equal(AudioIngestError.NotAudio, e.Error);
        Assert.Contains("no audio stream (only video streams)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_WavDataSizeLargerThanFile_TruncatedWithBothNumbers()
    {
        var path = _dir.File("news.wav");
        WriteWav(path, 1, 1, 44100, 16, new byte[44100], dataSizeField: 10_000_000);
        var e = await OpenFails(path);
        Assert.Equal(AudioIngestError.Truncated, e.Error);
        Assert.Contains("WAV header says 10,000,000 bytes of audio but the file holds 44,100", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_WavDataSizeZero_NoAudio()
    {
        var path = _dir.File("blank.wav");
        WriteWav(path, 1, 1, 48000, 16, []);
        var e = await OpenFails(path);
        Assert.Equal(AudioIngestError.NoAudio, e.Error);
    }

    [Theory]
    [InlineData(2, 0, 48000, "0 channels")]
    [InlineData(2, 1, 0, "sample rate of 0 Hz")]
    [InlineData(3, 1, 48000, "3 bytes per frame but 1 channel(s) of 16 bits need 2")]
    public async Task OpenAsync_InconsistentFmt_InvalidHeader(int blockAlign, int channels, int rate, string expected)
    {
        var path = _dir.File("broken.wav");
        WriteWav(path, 1, channels, rate, 16, new byte[96], blockAlignField: blockAlign);
        var e = await OpenFails(path);
        Assert.Equal(AudioIngestError.InvalidHeader, e.Error);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_WavWithoutFmtChunk_InvalidHeader()
    {
        var path = _dir.File("nofmt.wav");
        File.WriteAllBytes(path, [.. "RIFF"u8, 12, 0, 0, 0, .. "WAVE"u8, .. "data"u8, 4, 0, 0, 0, 1, 2, 3, 4]);
        var e = await OpenFails(path);
        Assert.Equal(AudioIngestError.InvalidHeader, e.Error);
        Assert.Contains("no fmt chunk", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_20BitPcm_Unsupported()
    {
        var path = _dir.File("odd.wav");
        WriteWav(path, 1, 1, 48000, 20, new byte[30], blockAlignField: 3);
        var e = await OpenFails(path);
        Assert.Equal(AudioIngestError.Unsupported, e.Error);
    }

    [Fact]
    public async Task OpenAsync_FfmpegNotInstalled_DecoderMissing()
    {
        var path = _dir.File("song.mp3");
        File.WriteAllBytes(path, [1, 2, 3]);
        var e = await OpenFails(path, new IngestOptions { FfmpegPath = _dir.File("bin/ffmpeg") });
        Assert.Equal(AudioIngestError.DecoderMissing, e.Error);
        Assert.Contains("ffmpeg is not installed: run ./bcast (it installs it) or apt-get install ffmpeg", e.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// A cut-short MP3 with a Xing/Info header (LAME's default): ffmpeg decodes the half that is there and exits 0,
    /// but the header announces 5 s, so the reader delivers the half and then refuses the file as truncated.
    /// </summary>
    [Fact]
    public async Task ReadAsync_Mp3CutInHalfWithXingHeader_DeliversHalfThenTruncated()
    {
        var full = _dir.File("full.mp3");
        Ffmpeg("-f", "lavfi", "-i", "sine=frequency=440:duration=5", "-c:a", "libmp3lame", full);
        var bytes = File.ReadAllBytes(full);
        var path = _dir.File("half.mp3");
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        await using var reader = await AudioIngest.OpenAsync(path, IngestOptions.Default);
        var buffer = new float[8192];
        long total = 0;
        var e = await Assert.ThrowsAsync<AudioIngestException>(async () =>
        {
            int n;
            while ((n = await reader.ReadAsync(buffer)) > 0)
            {
                total += n;
            }
        });

        Assert.Equal(AudioIngestError.Truncated, e.Error);
        Assert.StartsWith("half.mp3: the file holds 2.", e.Message, StringComparison.Ordinal);
        Assert.Contains("header announces 5.0 s", e.Message, StringComparison.Ordinal);
        Assert.InRange(total / 48000.0, 2.2, 2.8);
    }

    /// <summary>
    /// Without a Xing header ffprobe can only estimate the duration from the file size, which the cut file matches:
    /// nothing tells a truncated file from a short one, so the reader honestly delivers the half that is there.
    /// </summary>
    [Fact]
    public async Task ReadAsync_Mp3CutInHalfWithoutXingHeader_DecodesTheHalfThatIsThere()
    {
        var full = _dir.File("full.mp3");
        Ffmpeg("-f", "lavfi", "-i", "sine=frequency=440:duration=5", "-c:a", "libmp3lame", "-write_xing", "0", full);
        var bytes = File.ReadAllBytes(full);
        var path = _dir.File("half.mp3");
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var (samples, _, _) = await ReadAllAsync(path);

        Assert.InRange(samples.Length / 48000.0, 2.2, 2.8);
    }

    [Fact]
    public async Task DisposeAsync_BeforeEnd_KillsAndReapsFfmpeg()
    {
        var path = _dir.File("long.mp3");
        Ffmpeg("-f", "lavfi", "-i", "sine=frequency=440:duration=30", "-c:a", "libmp3lame", path);
        var reader = await AudioIngest.OpenAsync(path, IngestOptions.Default);
        var ffmpeg = Assert.IsType<FfmpegPcmReader>(reader);
        var pid = ffmpeg.ProcessId;
        Assert.True(await reader.ReadAsync(new float[480]) > 0);

        await reader.DisposeAsync();

        // Reaped: the pid no longer names a process (a zombie would still be listed).
        Assert.Throws<ArgumentException>(() => Process.GetProcessById(pid));
    }
}
