using System.Security.Cryptography;
using Broadcast.Audio.Ingest;
using Broadcast.Audio.Pipeline;
using Broadcast.Audit;
using Broadcast.Library.Uploads;
using Broadcast.Tests.Common;

namespace Broadcast.Library.Tests.Storage;

public sealed class ProgrammeStoreUploadTests : IDisposable
{
    // The encoder's default target, read from its options rather than restated here.
    private static readonly double TargetLufs = new ProgrammeEncoderOptions().TargetLufs;

    private readonly LibraryKit _kit = new();

    [Fact]
    public async Task UploadAsync_Wav_StoresNormalisedOpusKeyedByContentHash()
    {
        var wav = _kit.Wav("Bản tin sáng.wav", seconds: 3, dbfs: -30);
        var sha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(wav)));
        _kit.Time.Advance(TimeSpan.FromMinutes(7));

        var result = await _kit.UploadAsync(wav, "Bản tin sáng 24/11", "news");

        var r = result.Record;
        Assert.False(result.Duplicate);
        Assert.Equal(sha, r.ContentHash);
        Assert.Equal(sha[..12], r.Id);
        Assert.Equal(Path.Combine(_kit.ObjectsDir, sha + ".opus"), r.AudioPath);
        Assert.Equal("Bản tin sáng 24/11", r.Title);
        Assert.Equal("news", r.Category);
        Assert.Null(r.Commune);
        Assert.Equal("tester", r.Owner);
        Assert.Equal("tester", r.CreatedBy);
        Assert.Equal(LibraryKit.Start.AddMinutes(7), r.CreatedAt);
        Assert.Null(r.ApprovedAt);
        Assert.Equal("Bản tin sáng.wav", r.SourceFileName);
        Assert.Equal(new FileInfo(wav).Length, r.SourceBytes);
        Assert.InRange(r.DurationSeconds, 3 - 0.02, 3 + 0.02);
        Assert.NotNull(r.LoudnessLufs);
        Assert.InRange(r.LoudnessLufs!.Value, TargetLufs - 0.5, TargetLufs + 0.5);

        Assert.True(File.Exists(r.AudioPath));
        Assert.Equal(new FileInfo(r.AudioPath).Length, r.SizeBytes);
        Assert.Equal("OggS"u8.ToArray(), File.ReadAllBytes(r.AudioPath)[..4]);
        // An independent loudness measure of the stored file: the -30 dBFS tone was raised to the target.
        Assert.InRange(FfmpegReference.Measure(r.AudioPath).IntegratedLufs, TargetLufs - 1, TargetLufs + 1);
        Assert.Empty(LibraryKit.FilesIn(_kit.IncomingDir));

        var entry = Assert.Single(_kit.Audit.Entries);
        Assert.Equal((AuditActions.ProgrammeUpload, r.Id, "ok", "tester"), (entry.Action, entry.Subject, entry.Result, entry.Actor));
    }

    [Fact]
    public async Task UploadAsync_SameBytesAgain_ReturnsFirstProgrammeWithoutEncodingOrStoringTwice()
    {
        var wav = _kit.Wav("a.wav");
        var copy = _kit.File("renamed copy.wav");
        File.Copy(wav, copy);
        var first = await _kit.UploadAsync(wav, "First title", "news");
        var progress = new RecordingProgress();

        var second = await _kit.UploadAsync(copy, "Second title", "music", progress: progress);

        Assert.True(second.Duplicate);
        Assert.Equal(first.Record, second.Record);
        Assert.Equal("First title", second.Record.Title);
        Assert.Empty(progress.Reports);
        Assert.Single(LibraryKit.FilesIn(_kit.ObjectsDir));
        Assert.Equal(1, _kit.Store.Search(new()).Total);
        Assert.Empty(LibraryKit.FilesIn(_kit.IncomingDir));
        Assert.All(_kit.Audit.Entries, e => Assert.Equal("ok", e.Result));
        Assert.Contains("not stored again", _kit.Audit.Entries[^1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UploadAsync_DifferentBytes_AreDifferentProgrammes()
    {
        var a = await _kit.UploadAsync(_kit.Wav("a.wav", frequency: 440), "A");
        var b = await _kit.UploadAsync(_kit.Wav("b.wav", frequency: 660), "B");

        Assert.NotEqual(a.Record.Id, b.Record.Id);
        Assert.Equal(2, LibraryKit.FilesIn(_kit.ObjectsDir).Length);
    }

    [Fact]
    public async Task UploadAsync_ConcurrentIdenticalUploads_OneRowOneFileOneEncode()
    {
        var wav = _kit.Wav("same.wav", seconds: 2);
        var progress = Enumerable.Range(0, 4).Select(_ => new RecordingProgress()).ToArray();

        var results = await Task.WhenAll(progress.Select(p => Task.Run(() => _kit.UploadAsync(wav, "Same", progress: p))));

        Assert.Single(results.Select(r => r.Record.Id).Distinct());
        Assert.Single(results, r => !r.Duplicate);
        Assert.Single(progress, p => p.Reports.Count > 0);
        Assert.Single(LibraryKit.FilesIn(_kit.ObjectsDir));
        Assert.Equal(1, _kit.Store.Search(new()).Total);
        Assert.Empty(LibraryKit.FilesIn(_kit.IncomingDir));
    }

    [Fact]
    public async Task UploadAsync_NotAudio_RefusedWithIngestErrorAndNothingKept()
    {
        var path = _kit.File("bản tin.mp3");
        RandomFiles.WriteRandom(path, 20_000);

        var ex = await Assert.ThrowsAsync<ProgrammeUploadException>(() => _kit.UploadAsync(path, "Noise"));

        Assert.Equal(UploadRefusal.NotAudio, ex.Refusal);
        Assert.Equal("file", ex.Field);
        var ingest = Assert.IsType<AudioIngestException>(ex.InnerException);
        Assert.Equal(ingest.Message, ex.Message);
        Assert.StartsWith("bản tin.mp3: ", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, _kit.Store.Search(new()).Total);
        Assert.Empty(LibraryKit.FilesIn(_kit.ObjectsDir));
        Assert.Empty(LibraryKit.FilesIn(_kit.IncomingDir));
        var entry = Assert.Single(_kit.Audit.Entries);
        Assert.Equal(("refused", ex.Message), (entry.Result, entry.Detail));
    }

    [Fact]
    public async Task UploadAsync_AuditEntryCannotBeWritten_NoRowAndNoFile()
    {
        _kit.Audit.FailWhen = e => e.Result == "ok";

        await Assert.ThrowsAsync<IOException>(() => _kit.UploadAsync(_kit.Wav("x.wav"), "T"));

        Assert.Equal(0, _kit.Store.Search(new()).Total);
        Assert.Empty(LibraryKit.FilesIn(_kit.ObjectsDir));
        Assert.Empty(LibraryKit.FilesIn(_kit.IncomingDir));
    }

    [Fact]
    public async Task UploadAsync_RefusalCannotBeAudited_StillRefusedWithItsOwnError()
    {
        _kit.Audit.FailWhen = _ => true;

        var ex = await Assert.ThrowsAsync<ProgrammeUploadException>(() => _kit.UploadAsync(_kit.Wav("x.wav"), "T", "sport"));

        Assert.Equal("category", ex.Field);
    }

    [Fact]
    public async Task UploadAsync_EmptyFile_RefusedAsNotAudio()
    {
        var path = _kit.File("empty.wav");
        File.WriteAllBytes(path, []);

        var ex = await Assert.ThrowsAsync<ProgrammeUploadException>(() => _kit.UploadAsync(path, "Empty"));

        Assert.Equal(UploadRefusal.NotAudio, ex.Refusal);
        Assert.Equal(AudioIngestError.EmptyFile, Assert.IsType<AudioIngestException>(ex.InnerException).Error);
        Assert.Empty(LibraryKit.FilesIn(_kit.IncomingDir));
    }

    [Fact]
    public async Task UploadAsync_LargerThanLimit_RefusedWhileReceivingAndNothingKept()
    {
        using var kit = new LibraryKit(maxUploadBytes: 50_000);
        var wav = kit.Wav("long.wav", seconds: 1); // 96 kB of samples

        var ex = await Assert.ThrowsAsync<ProgrammeUploadException>(() => kit.UploadAsync(wav, "Too long"));

        Assert.Equal(UploadRefusal.TooLarge, ex.Refusal);
        Assert.Contains("50,000 bytes", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Library:MaxUploadBytes", ex.Message, StringComparison.Ordinal);
        Assert.Empty(LibraryKit.FilesIn(kit.IncomingDir));
        Assert.Empty(LibraryKit.FilesIn(kit.ObjectsDir));
        Assert.Equal("refused", Assert.Single(kit.Audit.Entries).Result);
    }

    [Theory]
    [InlineData("", "news", null, "title")]
    [InlineData("   ", "news", null, "title")]
    [InlineData("Ok", "sport", null, "category")]
    [InlineData("Ok", "news", "Hà Nội", "commune")]
    public async Task UploadAsync_BadField_RefusedNamingTheFieldBeforeReceiving(string title, string category, string? commune, string field)
    {
        var wav = _kit.Wav("x.wav");
        var content = new CountingStream(File.ReadAllBytes(wav));

        var ex = await Assert.ThrowsAsync<ProgrammeUploadException>(() => _kit.Store.UploadAsync(content, "x.wav", new ProgrammeUpload(title, category, commune), "tester"));

        Assert.Equal(UploadRefusal.InvalidField, ex.Refusal);
        Assert.Equal(field, ex.Field);
        Assert.StartsWith(field + ": ", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, content.BytesRead);
        Assert.Empty(LibraryKit.FilesIn(_kit.IncomingDir));
        Assert.Equal("refused", Assert.Single(_kit.Audit.Entries).Result);
    }

    [Fact]
    public async Task UploadAsync_UnknownCategory_MessageListsTheCategories()
    {
        var ex = await Assert.ThrowsAsync<ProgrammeUploadException>(() => _kit.UploadAsync(_kit.Wav("x.wav"), "T", "sport"));

        Assert.Equal("category: unknown category 'sport'; use one of news, law, agriculture, health, emergency, music", ex.Message);
    }

    [Fact]
    public async Task UploadAsync_CategoryAndCommune_StoredInCanonicalForm()
    {
        var result = await _kit.UploadAsync(_kit.Wav("x.wav"), "  Lịch   tiêm chủng ", "HEALTH", "trinh-tuong");

        Assert.Equal(("Lịch tiêm chủng", "health", "Trịnh Tường"), (result.Record.Title, result.Record.Category, result.Record.Commune));
        Assert.Equal(["Trịnh Tường"], _kit.Audit.Entries[^1].Communes);
    }

    [Fact]
    public async Task UploadAsync_NoCategory_FiledAsNews()
    {
        var result = await _kit.UploadAsync(_kit.Wav("x.wav"), "T", category: null);

        Assert.Equal("news", result.Record.Category);
    }

    [Fact]
    public async Task UploadAsync_NoCommuneDirectory_AcceptsAnyCommuneName()
    {
        using var kit = new LibraryKit(withCommunes: false);

        var result = await kit.UploadAsync(kit.Wav("x.wav"), "T", commune: "Xã Mới");

        Assert.Equal("Xã Mới", result.Record.Commune);
    }

    [Fact]
    public async Task UploadAsync_Silence_StoredWithoutLoudness()
    {
        var path = _kit.File("silence.wav");
        Signals.WriteWav16(path, new float[48000]);

        var result = await _kit.UploadAsync(path, "Silence");

        Assert.Null(result.Record.LoudnessLufs);
        Assert.InRange(result.Record.DurationSeconds, 0.98, 1.02);
    }

    [Fact]
    public async Task UploadAsync_ClientPathInFileName_KeepsOnlyTheName()
    {
        var wav = _kit.Wav("x.wav");
        await using var content = File.OpenRead(wav);

        var result = await _kit.Store.UploadAsync(content, @"C:\Users\bt\..\Tin tức.wav", new ProgrammeUpload("T"), "tester");

        Assert.Equal("Tin tức.wav", result.Record.SourceFileName);
    }

    public void Dispose() => _kit.Dispose();

    private sealed class RecordingProgress : IProgress<EncodeProgress>
    {
        public List<EncodeProgress> Reports { get; } = [];

        public void Report(EncodeProgress value)
        {
            lock (Reports)
            {
                Reports.Add(value);
            }
        }
    }

    private sealed class CountingStream(byte[] data) : MemoryStream(data)
    {
        public long BytesRead { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = base.Read(buffer, offset, count);
            BytesRead += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var n = base.Read(buffer.Span);
            BytesRead += n;
            return ValueTask.FromResult(n);
        }
    }
}
