using Broadcast.Audio.Ingest;
using Broadcast.Tests.Common;

namespace Broadcast.Audio.Tests.Ingest;

public sealed class FfmpegInputPolicyTests
{
    [Fact]
    public async Task OpenAsync_PlaylistPointingAtLocalFile_RefusedAsNotAudio()
    {
        using var dir = new TempDirectory();
        var secret = dir.File("other-commune-bulletin.mp3");
        RandomFiles.WriteMp3Sine(secret, 2);
        // Without the input policy ffmpeg 5.1 follows this playlist and decodes the other file (checked by hand: 355 kB of PCM).
        // An HLS playlist uploaded as a "programme" would make an unrestricted ffmpeg read another local file.
        var playlist = dir.File("bulletin.mp3");
        File.WriteAllText(playlist, $"#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\nfile://{secret}\n#EXT-X-ENDLIST\n");

        var ex = await Assert.ThrowsAsync<AudioIngestException>(() => AudioIngest.OpenAsync(playlist, new IngestOptions(), CancellationToken.None));

        Assert.Equal(AudioIngestError.NotAudio, ex.Error);
        Assert.StartsWith("bulletin.mp3: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_FileNameThatLooksLikeUrl_ReadAsLocalFile()
    {
        using var dir = new TempDirectory();
        var odd = Path.Combine(dir.Path, "http:");
        Directory.CreateDirectory(odd);
        var mp3 = Path.Combine(odd, "tone.mp3");
        RandomFiles.WriteMp3Sine(mp3, 1);

        await using var reader = await AudioIngest.OpenAsync(mp3, new IngestOptions(), CancellationToken.None);
        var buffer = new float[96000];
        var total = 0;
        int n;
        while ((n = await reader.ReadAsync(buffer.AsMemory(total), CancellationToken.None)) > 0)
        {
            total += n;
        }

        Assert.InRange(total, 47000, 50000);
        Assert.Equal("mp3", reader.Source.Codec);
    }
}
