using Broadcast.Library.Bulletins;

namespace Broadcast.Library.Tests.Bulletins;

/// <summary>An emergency may air an unapproved programme; it is then flagged until an approver reviews it.</summary>
public sealed class EmergencyUseTests : IDisposable
{
    private readonly BulletinKit _kit = new();

    private Library.Storage.ProgrammeStore Store => _kit.Library.Store;

    [Fact]
    public async Task MarkFlaggedForReview_Draft_FlaggedAndSentToTheApprovers()
    {
        var draft = await _kit.DraftAsync("Y Tý", uploader: "van-hanh");
        _kit.Library.Time.Advance(TimeSpan.FromMinutes(3));

        var flagged = Store.MarkFlaggedForReview(draft.Id, "van-hanh", "broadcast 42");

        var after = Store.Find(draft.Id)!;
        Assert.True(flagged);
        Assert.True(after.FlaggedForReview);
        Assert.Equal(("van-hanh", "broadcast 42", LibraryKit.Start.AddMinutes(3)), (after.FlaggedBy, after.FlagDetail, after.FlaggedAt));
        Assert.Equal((ProgrammeState.Submitted, "van-hanh"), (after.State, after.SubmittedBy));
        var entry = _kit.Library.Audit.Entries[^1];
        Assert.Equal(("programme.emergency-use", "ok", "van-hanh"), (entry.Action, entry.Result, entry.Actor));
        Assert.Equal(["Y Tý"], entry.Communes);
        Assert.Contains("used by emergency broadcast 42 before approval", entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MarkFlaggedForReview_Approved_NothingToReview()
    {
        var approved = await _kit.ApprovedAsync();
        var entries = _kit.Library.Audit.Entries.Count;

        Assert.False(Store.MarkFlaggedForReview(approved.Id, "van-hanh", "broadcast 7"));
        Assert.Equal(approved, Store.Find(approved.Id));
        Assert.Equal(entries, _kit.Library.Audit.Entries.Count);
    }

    [Fact]
    public void MarkFlaggedForReview_UnknownOrFilePath_False()
    {
        Assert.False(Store.MarkFlaggedForReview("abcdef123456", "van-hanh", "broadcast 1"));
        Assert.False(Store.MarkFlaggedForReview("/srv/alerts/lu.wav", "van-hanh", "broadcast 1"));
    }

    [Fact]
    public async Task Review_ByTheOperatorWhoUsedIt_ForbiddenByFourEyes()
    {
        var draft = await _kit.DraftAsync();
        Store.MarkFlaggedForReview(draft.Id, "duyet-huyen", "broadcast 9");

        var ex = Assert.Throws<BulletinException>(() => Store.Review(draft.Id, BulletinKit.DistrictApprover));

        Assert.Contains("four-eyes rule: duyet-huyen submitted programme", ex.Message, StringComparison.Ordinal);
        Assert.True(Store.Find(draft.Id)!.FlaggedForReview);
    }

    [Fact]
    public async Task Review_ByAnotherApprover_ClearsTheFlagAndKeepsTheState()
    {
        var draft = await _kit.DraftAsync();
        Store.MarkFlaggedForReview(draft.Id, "van-hanh", "broadcast 9");

        var reviewed = Store.Review(draft.Id, BulletinKit.DistrictApprover, "nội dung đúng");

        Assert.False(reviewed.FlaggedForReview);
        Assert.Equal(ProgrammeState.Submitted, reviewed.State);
        var entry = _kit.Library.Audit.Entries[^1];
        Assert.Equal(("programme.review", "ok"), (entry.Action, entry.Result));
        Assert.Contains("emergency use reviewed (broadcast 9 by van-hanh): nội dung đúng", entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Review_NotFlagged_ConflictNamingTheState()
    {
        var submitted = await _kit.SubmittedAsync();

        var ex = Assert.Throws<BulletinException>(() => Store.Review(submitted.Id, BulletinKit.DistrictApprover));

        Assert.Equal(BulletinRefusal.Conflict, ex.Refusal);
        Assert.Contains("is submitted: it is not flagged for review", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approve_FlaggedItem_ClearsTheFlag()
    {
        var draft = await _kit.DraftAsync();
        Store.MarkFlaggedForReview(draft.Id, "van-hanh", "broadcast 9");

        var approved = Store.Approve(draft.Id, BulletinKit.DistrictApprover);

        Assert.True(approved.Approved);
        Assert.False(approved.FlaggedForReview);
        Assert.Contains("clears the review flag of broadcast 9", _kit.Library.Audit.Entries[^1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approve_ByTheOperatorWhoUsedItInAnEmergency_Forbidden()
    {
        var submitted = await _kit.SubmittedAsync();
        Store.MarkFlaggedForReview(submitted.Id, "duyet-huyen", "broadcast 11");

        var ex = Assert.Throws<BulletinException>(() => Store.Approve(submitted.Id, BulletinKit.DistrictApprover));

        Assert.Contains("duyet-huyen used in an emergency broadcast programme", ex.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _kit.Dispose();
}
