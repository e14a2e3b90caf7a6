using Broadcast.Audit;
using Broadcast.Library.Bulletins;

namespace Broadcast.Library.Tests.Bulletins;

/// <summary>Every step from every state: the legal ones change the state and are audited, the others are refused naming the state.</summary>
public sealed class BulletinTransitionTests : IDisposable
{
    private readonly BulletinKit _kit = new();

    private Library.Storage.ProgrammeStore Store => _kit.Library.Store;

    [Fact]
    public async Task Upload_NewProgramme_IsADraftNobodyHasApproved()
    {
        var draft = await _kit.DraftAsync();

        Assert.Equal(ProgrammeState.Draft, draft.State);
        Assert.False(draft.Approved);
        Assert.Equal(ProgrammeState.Draft, Store.Find(draft.Id)!.State);
        Assert.Null(draft.SubmittedBy);
    }

    [Fact]
    public async Task Submit_Draft_SubmittedByTheEditorNowAndAudited()
    {
        var draft = await _kit.DraftAsync("Y Tý");
        _kit.Library.Time.Advance(TimeSpan.FromMinutes(5));

        var submitted = Store.Submit(draft.Id, BulletinKit.Editor);

        Assert.Equal(ProgrammeState.Submitted, submitted.State);
        Assert.Equal((BulletinKit.Editor, LibraryKit.Start.AddMinutes(5)), (submitted.SubmittedBy, submitted.SubmittedAt));
        Assert.Equal(submitted, Store.Find(draft.Id));
        var entry = _kit.Library.Audit.Entries[^1];
        Assert.Equal((BulletinAuditActions.Submit, draft.Id, "ok", BulletinKit.Editor), (entry.Action, entry.Subject, entry.Result, entry.Actor));
        Assert.Equal(["Y Tý"], entry.Communes);
        Assert.Contains("draft -> submitted", entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_Rejected_SubmittedAgain()
    {
        var rejected = await _kit.RejectedAsync();

        var again = Store.Submit(rejected.Id, BulletinKit.OtherEditor);

        Assert.Equal((ProgrammeState.Submitted, BulletinKit.OtherEditor), (again.State, again.SubmittedBy));
    }

    [Theory]
    [InlineData(ProgrammeState.Submitted, "is submitted: it was already submitted")]
    [InlineData(ProgrammeState.Approved, "is approved: it is already approved")]
    public async Task Submit_NotDraftOrRejected_ConflictNamingTheStateAndNothingChanges(ProgrammeState state, string expected)
    {
        var record = await _kit.InStateAsync(state);

        var ex = Assert.Throws<BulletinException>(() => Store.Submit(record.Id, BulletinKit.OtherEditor));

        Assert.Equal((BulletinRefusal.Conflict, (ProgrammeState?)state), (ex.Refusal, ex.State));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Equal(record, Store.Find(record.Id));
        var entry = _kit.Library.Audit.Entries[^1];
        Assert.Equal((BulletinAuditActions.Submit, "refused", ex.Message), (entry.Action, entry.Result, entry.Detail));
    }

    [Fact]
    public async Task Approve_Submitted_ApprovedByTheApproverNowAndAudited()
    {
        var submitted = await _kit.SubmittedAsync("Trịnh Tường");
        _kit.Library.Time.Advance(TimeSpan.FromHours(1));

        var approved = Store.Approve(submitted.Id, BulletinKit.DistrictApprover, note: "đã nghe");

        Assert.True(approved.Approved);
        Assert.Equal((BulletinKit.DistrictApprover.Name, LibraryKit.Start.AddHours(1)), (approved.ApprovedBy, approved.ApprovedAt));
        Assert.True(Store.Find(submitted.Id)!.Approved);
        var entry = _kit.Library.Audit.Entries[^1];
        Assert.Equal(("programme.approve", submitted.Id, "ok", "duyet-huyen"), (entry.Action, entry.Subject, entry.Result, entry.Actor));
        Assert.Equal(["Trịnh Tường"], entry.Communes);
        Assert.Contains("submitted -> approved; note: đã nghe", entry.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ProgrammeState.Draft, "is draft: only a submitted programme can be approved")]
    [InlineData(ProgrammeState.Approved, "is approved: it was already approved by duyet-huyen")]
    [InlineData(ProgrammeState.Rejected, "is rejected: it was rejected by duyet-huyen (sai ngày tiêm chủng)")]
    public async Task Approve_NotSubmitted_ConflictNamingTheState(ProgrammeState state, string expected)
    {
        var record = await _kit.InStateAsync(state);

        var ex = Assert.Throws<BulletinException>(() => Store.Approve(record.Id, BulletinKit.SecondDistrictApprover));

        Assert.Equal((BulletinRefusal.Conflict, (ProgrammeState?)state), (ex.Refusal, ex.State));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Equal(record, Store.Find(record.Id));
        Assert.Equal(("programme.approve", "refused"), (_kit.Library.Audit.Entries[^1].Action, _kit.Library.Audit.Entries[^1].Result));
    }

    [Fact]
    public async Task Reject_SubmittedWithReason_RejectedWithTheReasonAndAudited()
    {
        var submitted = await _kit.SubmittedAsync("Y Tý");

        var rejected = Store.Reject(submitted.Id, BulletinKit.YTyApprover, "  sai   ngày\ntiêm chủng ");

        Assert.Equal(ProgrammeState.Rejected, rejected.State);
        Assert.Equal(("duyet-yty", "sai ngày tiêm chủng"), (rejected.RejectedBy, rejected.RejectionReason));
        Assert.Equal(LibraryKit.Start, rejected.RejectedAt);
        Assert.Null(rejected.ApprovedAt);
        var entry = _kit.Library.Audit.Entries[^1];
        Assert.Equal(("programme.reject", "ok", "duyet-yty"), (entry.Action, entry.Result, entry.Actor));
        Assert.Contains("submitted -> rejected; reason: sai ngày tiêm chủng", entry.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \n ")]
    public async Task Reject_WithoutReason_InvalidFieldAndStillSubmitted(string? reason)
    {
        var submitted = await _kit.SubmittedAsync();

        var ex = Assert.Throws<BulletinException>(() => Store.Reject(submitted.Id, BulletinKit.DistrictApprover, reason));

        Assert.Equal((BulletinRefusal.InvalidField, "reason"), (ex.Refusal, ex.Field));
        Assert.StartsWith("reason: a rejection needs a reason", ex.Message, StringComparison.Ordinal);
        Assert.Equal(ProgrammeState.Submitted, Store.Find(submitted.Id)!.State);
        Assert.Equal(("programme.reject", "refused"), (_kit.Library.Audit.Entries[^1].Action, _kit.Library.Audit.Entries[^1].Result));
    }

    [Fact]
    public async Task Reject_ReasonTooLong_InvalidField()
    {
        var submitted = await _kit.SubmittedAsync();

        var ex = Assert.Throws<BulletinException>(() => Store.Reject(submitted.Id, BulletinKit.DistrictApprover, new string('x', 501)));

        Assert.Equal("reason: 501 characters; at most 500 are allowed", ex.Message);
    }

    [Theory]
    [InlineData(ProgrammeState.Draft, "is draft: only a submitted programme can be rejected")]
    [InlineData(ProgrammeState.Approved, "is approved: only a submitted programme can be rejected")]
    [InlineData(ProgrammeState.Rejected, "is rejected: only a submitted programme can be rejected")]
    public async Task Reject_NotSubmitted_ConflictNamingTheState(ProgrammeState state, string expected)
    {
        var record = await _kit.InStateAsync(state);

        var ex = Assert.Throws<BulletinException>(() => Store.Reject(record.Id, BulletinKit.SecondDistrictApprover, "không phù hợp"));

        Assert.Equal((BulletinRefusal.Conflict, (ProgrammeState?)state), (ex.Refusal, ex.State));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Equal(record, Store.Find(record.Id));
    }

    [Fact]
    public async Task Approve_AfterRejectionAndResubmission_ClearsTheRejection()
    {
        var rejected = await _kit.RejectedAsync();
        Store.Submit(rejected.Id, BulletinKit.Editor);

        var approved = Store.Approve(rejected.Id, BulletinKit.SecondDistrictApprover);

        Assert.True(approved.Approved);
        Assert.Equal((null, null, (DateTimeOffset?)null), (approved.RejectedBy, approved.RejectionReason, approved.RejectedAt));
    }

    [Fact]
    public void Steps_UnknownId_NotFound()
    {
        Assert.Equal(BulletinRefusal.NotFound, Assert.Throws<BulletinException>(() => Store.Submit("abcdef012345", "x")).Refusal);
        Assert.Equal(BulletinRefusal.NotFound, Assert.Throws<BulletinException>(() => Store.Approve("not-hex/../x", BulletinKit.DistrictApprover)).Refusal);
    }

    [Fact]
    public async Task Approve_TwoApproversAtOnce_ExactlyOneApprovesAndTheOtherSeesItApproved()
    {
        var submitted = await _kit.SubmittedAsync();

        var outcomes = await Task.WhenAll(new[] { BulletinKit.DistrictApprover, BulletinKit.SecondDistrictApprover }.Select(a => Task.Run(() =>
        {
            try
            {
                Store.Approve(submitted.Id, a);
                return "approved";
            }
            catch (BulletinException ex) when (ex.Refusal == BulletinRefusal.Conflict && ex.State == ProgrammeState.Approved)
            {
                return "already";
            }
        })));

        Assert.Equal(["already", "approved"], outcomes.Order());
        Assert.Single(_kit.Library.Audit.Entries, e => e.Action == "programme.approve" && e.Result == "ok");
    }

    [Fact]
    public async Task Reopen_StatesAndWhoDidWhatSurvive()
    {
        var rejected = await _kit.RejectedAsync("Y Tý");
        var approved = await _kit.ApprovedAsync();

        var store = _kit.Library.Reopen();

        Assert.Equal(rejected, store.Find(rejected.Id));
        Assert.Equal(approved, store.Find(approved.Id));
    }

    public void Dispose() => _kit.Dispose();
}
