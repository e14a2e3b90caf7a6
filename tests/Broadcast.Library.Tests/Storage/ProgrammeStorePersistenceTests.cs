namespace Broadcast.Library.Tests.Storage;

public sealed class ProgrammeStorePersistenceTests : IDisposable
{
    private readonly LibraryKit _kit = new();

    [Fact]
    public async Task Reopen_ProgrammesAndTheirMetadataSurvive()
    {
        var stored = (await _kit.UploadAsync(_kit.Wav("x.wav"), "Bản tin sáng", "news", "Y Tý")).Record;

        var reopened = _kit.Reopen();

        Assert.Equal(stored, reopened.Find(stored.Id));
        Assert.Equal(stored.SourceFileName, reopened.Find(stored.Id)!.SourceFileName);
        Assert.Equal(stored.SourceBytes, reopened.Find(stored.Id)!.SourceBytes);
        Assert.Equal([stored.Id], reopened.Search(new() { Text = "ban tin" }).Items.Select(p => p.Id));
    }

    [Fact]
    public async Task Reopen_SameBytesAfterRestart_StillRecognisedAsDuplicate()
    {
        var wav = _kit.Wav("x.wav");
        var stored = (await _kit.UploadAsync(wav, "One")).Record;
        _kit.Reopen();

        var again = await _kit.UploadAsync(wav, "Two");

        Assert.True(again.Duplicate);
        Assert.Equal(stored.Id, again.Record.Id);
    }

    [Fact]
    public void Reopen_LeftoversOfAnInterruptedUpload_AreRemoved()
    {
        var leftover = Path.Combine(_kit.IncomingDir, "0123abcd");
        Directory.CreateDirectory(leftover);
        File.WriteAllBytes(Path.Combine(leftover, "half.mp3"), new byte[1000]);
        File.WriteAllBytes(Path.Combine(_kit.IncomingDir, ".x.opus.1234.partial"), new byte[10]);

        _kit.Reopen();

        Assert.Empty(LibraryKit.FilesIn(_kit.IncomingDir));
    }

    public void Dispose() => _kit.Dispose();
}
