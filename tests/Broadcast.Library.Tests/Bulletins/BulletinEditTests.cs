using Broadcast.Library.Bulletins;
using Broadcast.Tests.Common;

namespace Broadcast.Library.Tests.Bulletins;

/// <summary>Changing a bulletin: an approved one goes back for approval; the id stays so schedules keep it.</summary>
public sealed class BulletinEditTests : IDisposable
{
    private readonly BulletinKit _kit = new();

    private Library.Storage.ProgrammeStore Store => _kit.Library.Store;

    [Fact]
    public async Task Edit_ApprovedTitle_BackToSubmittedInTheEditorsNameAndNotPlayable()
    {
        var approved = await _kit.ApprovedAsync("Y Tý");
        _kit.Library.Time.Advance(TimeSpan.FromDays(1));

        var edited = Store.Edit(approved.Id, BulletinKit.OtherEditor, new ProgrammeEdit(Title: "Bản tin (sửa giờ)"));

        Assert.Equal(ProgrammeState.Submitted, edited.State);
        Assert.Equal("Bản tin (sửa giờ)", edited.Title);
        Assert.Equal((BulletinKit.OtherEditor, LibraryKit.Start.AddDays(1)), (edited.SubmittedBy, edited.SubmittedAt));
        Assert.Equal((BulletinKit.OtherEditor, LibraryKit.Start.AddDays(1)), (edited.EditedBy, edited.EditedAt));
        Assert.Null(edited.ApprovedBy);
        Assert.NotNull(ApprovalGate.WhyNotPlayable(Store.Find(approved.Id)!, emergency: false));
        var entry = _kit.Library.Audit.Entries[^1];
        Assert.Equal(("programme.edit", "ok", BulletinKit.OtherEditor), (entry.Action, entry.Result, entry.Actor));
        Assert.Contains("approved -> submitted; title 'Bản tin' -> 'Bản tin (sửa giờ)'; it was approved by duyet-huyen and goes back for approval", entry.Detail, StringComparison.Ordinal);
        Assert.Equal([approved.Id], Store.Search(new() { Text = "sua gio" }).Items.Select(p => p.Id));
    }

    [Fact]
    public async Task Edit_ApprovedCategory_BackToSubmitted()
    {
        var approved = await _kit.ApprovedAsync();

        var edited = Store.Edit(approved.Id, BulletinKit.Editor, new ProgrammeEdit(Category: "Health"));

        Assert.Equal((ProgrammeState.Submitted, "health"), (edited.State, edited.Category));
    }

    [Fact]
    public async Task Edit_SameTitle_NothingChangesAndNothingIsAudited()
    {
        var approved = await _kit.ApprovedAsync();
        var entries = _kit.Library.Audit.Entries.Count;

        var same = Store.Edit(approved.Id, BulletinKit.Editor, new ProgrammeEdit(Title: " Bản tin "));

        Assert.Equal(approved, same);
        Assert.Equal(entries, _kit.Library.Audit.Entries.Count);
    }

    [Theory]
    [InlineData(ProgrammeState.Draft)]
    [InlineData(ProgrammeState.Submitted)]
    [InlineData(ProgrammeState.Rejected)]
    public async Task Edit_NotApproved_KeepsItsState(ProgrammeState state)
    {
        var record = await _kit.InStateAsync(state);

        var edited = Store.Edit(record.Id, BulletinKit.Editor, new ProgrammeEdit(Title: "Tiêu đề mới"));

        Assert.Equal((state, "Tiêu đề mới"), (edited.State, edited.Title));
    }

    [Fact]
    public async Task Edit_UnknownCategory_InvalidFieldAndUnchanged()
    {
        var approved = await _kit.ApprovedAsync();

        var ex = Assert.Throws<BulletinException>(() => Store.Edit(approved.Id, BulletinKit.Editor, new ProgrammeEdit(Category: "sport")));

        Assert.Equal((BulletinRefusal.InvalidField, "category"), (ex.Refusal, ex.Field));
        Assert.Equal(approved, Store.Find(approved.Id));
    }

    [Fact]
    public async Task ReplaceAudio_Approved_NewRecordingUnderTheSameIdBackToSubmittedOldFileGone()
    {
        var approved = await _kit.ApprovedAsync();
        var wav = _kit.Library.Wav("moi.wav", seconds: 1.5, frequency: 660);
        ProgrammeRecord replaced;
        string hash;
        using (var incoming = await ReceiveAsync(wav))
        {
            hash = incoming.ContentHash;
            replaced = await Store.ReplaceAudioAsync(approved.Id, incoming, BulletinKit.OtherEditor);
        }

        Assert.Equal(approved.Id, replaced.Id);
        Assert.Equal(ProgrammeState.Submitted, replaced.State);
        Assert.Equal(hash, replaced.ContentHash);
        Assert.InRange(FfmpegDecode.ProbeDuration(replaced.AudioPath), 1.45, 1.6);
        Assert.InRange(replaced.DurationSeconds, 1.45, 1.55);
        Assert.Equal("moi.wav", replaced.SourceFileName);
        Assert.False(File.Exists(approved.AudioPath));
        Assert.Equal(replaced, Store.Find(approved.Id));
        Assert.Contains("audio replaced by moi.wav", _kit.Library.Audit.Entries[^1].Detail, StringComparison.Ordinal);
        Assert.Empty(LibraryKit.FilesIn(_kit.Library.IncomingDir));
    }

    [Fact]
    public async Task ReplaceAudio_WithAnotherProgrammesRecording_ConflictAndBothUnchanged()
    {
        var approved = await _kit.ApprovedAsync();
        var other = await _kit.DraftAsync(title: "Khác");
        var wav = _kit.Library.File("same.wav");
        File.Copy(_kit.Library.File(other.SourceFileName!), wav);
        using var incoming = await ReceiveAsync(wav);

        var ex = await Assert.ThrowsAsync<BulletinException>(() => Store.ReplaceAudioAsync(approved.Id, incoming, BulletinKit.Editor));

        Assert.Equal(BulletinRefusal.Conflict, ex.Refusal);
        Assert.StartsWith($"same.wav is already programme {other.Id} 'Khác'", ex.Message, StringComparison.Ordinal);
        Assert.Equal(approved, Store.Find(approved.Id));
        Assert.True(File.Exists(approved.AudioPath));
        Assert.True(File.Exists(other.AudioPath));
    }

    private async Task<Uploads.IncomingUpload> ReceiveAsync(string path)
    {
        await using var content = File.OpenRead(path);
        return await Store.ReceiveAsync(content, Path.GetFileName(path), BulletinKit.Editor);
    }

    public void Dispose() => _kit.Dispose();
}
