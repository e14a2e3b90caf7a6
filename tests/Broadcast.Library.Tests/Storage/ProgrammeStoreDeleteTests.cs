using Broadcast.Audit;
using Broadcast.Library.Storage;

namespace Broadcast.Library.Tests.Storage;

public sealed class ProgrammeStoreDeleteTests : IDisposable
{
    private readonly LibraryKit _kit = new();

    [Fact]
    public async Task DeleteAsync_UsedByFutureSchedule_RefusedNamingItAndNothingRemoved()
    {
        var record = (await _kit.UploadAsync(_kit.Wav("x.wav"), "Bản tin sáng")).Record;
        _kit.Usage.Uses[record.Id] = "schedule 12 'Bản tin sáng' next at 2026-11-25 05:30";

        var result = await _kit.Store.DeleteAsync(record.Id, "tester");

        Assert.Equal(DeleteStatus.InUse, result.Status);
        Assert.Equal("schedule 12 'Bản tin sáng' next at 2026-11-25 05:30", result.Usage);
        Assert.Equal(record, _kit.Store.Find(record.Id));
        Assert.True(File.Exists(record.AudioPath));
        var entry = _kit.Audit.Entries[^1];
        Assert.Equal((AuditActions.ProgrammeDelete, record.Id, "refused"), (entry.Action, entry.Subject, entry.Result));
        Assert.Contains("schedule 12", entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteAsync_NotInUse_RemovesRowAndFileAndAudits()
    {
        var record = (await _kit.UploadAsync(_kit.Wav("x.wav"), "Old")).Record;

        var result = await _kit.Store.DeleteAsync(record.Id, "tester");

        Assert.Equal(DeleteStatus.Deleted, result.Status);
        Assert.Null(_kit.Store.Find(record.Id));
        Assert.False(File.Exists(record.AudioPath));
        Assert.Equal(0, _kit.Store.Search(new()).Total);
        var entry = _kit.Audit.Entries[^1];
        Assert.Equal((AuditActions.ProgrammeDelete, record.Id, "ok", "tester"), (entry.Action, entry.Subject, entry.Result, entry.Actor));
    }

    [Fact]
    public async Task DeleteAsync_UnknownId_NotFoundAndNothingAudited()
    {
        var result = await _kit.Store.DeleteAsync("0123456789ab", "tester");

        Assert.Equal(DeleteStatus.NotFound, result.Status);
        Assert.Empty(_kit.Audit.Entries);
    }

    [Fact]
    public async Task UploadAsync_AfterDelete_StoresTheSameBytesAgain()
    {
        var wav = _kit.Wav("x.wav");
        var first = (await _kit.UploadAsync(wav, "One")).Record;
        await _kit.Store.DeleteAsync(first.Id, "tester");

        var again = await _kit.UploadAsync(wav, "Two");

        Assert.False(again.Duplicate);
        Assert.Equal(first.Id, again.Record.Id);
        Assert.Equal("Two", again.Record.Title);
        Assert.True(File.Exists(again.Record.AudioPath));
    }

    public void Dispose() => _kit.Dispose();
}
