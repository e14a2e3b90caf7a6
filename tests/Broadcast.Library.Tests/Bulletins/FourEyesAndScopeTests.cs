using Broadcast.Library.Bulletins;

namespace Broadcast.Library.Tests.Bulletins;

/// <summary>Who may approve: someone other than the people behind the bulletin, whose scope covers its commune.</summary>
public sealed class FourEyesAndScopeTests : IDisposable
{
    private readonly BulletinKit _kit = new();

    private Library.Storage.ProgrammeStore Store => _kit.Library.Store;

    [Fact]
    public async Task Approve_BySubmitterWhoIsAnApprover_ForbiddenByFourEyes()
    {
        var submitted = await _kit.SubmittedAsync(submitter: "duyet-huyen");

        var ex = Assert.Throws<BulletinException>(() => Store.Approve(submitted.Id, BulletinKit.DistrictApprover));

        Assert.Equal(BulletinRefusal.Forbidden, ex.Refusal);
        Assert.Equal($"four-eyes rule: duyet-huyen submitted programme {submitted.Id} 'Bản tin', so another approver must approve it", ex.Message);
        Assert.Equal(ProgrammeState.Submitted, Store.Find(submitted.Id)!.State);
        Assert.Equal(("programme.approve", "refused", "duyet-huyen"), (_kit.Library.Audit.Entries[^1].Action, _kit.Library.Audit.Entries[^1].Result, _kit.Library.Audit.Entries[^1].Actor));
    }

    [Fact]
    public async Task Approve_ByTheUploaderWhenSomeoneElseSubmitted_Forbidden()
    {
        var draft = await _kit.DraftAsync(uploader: "DUYET-HUYEN");
        Store.Submit(draft.Id, BulletinKit.Editor);

        var ex = Assert.Throws<BulletinException>(() => Store.Approve(draft.Id, BulletinKit.DistrictApprover));

        Assert.Contains("four-eyes rule: duyet-huyen made programme", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approve_ByTheLastEditor_Forbidden()
    {
        var submitted = await _kit.SubmittedAsync();
        Store.Edit(submitted.Id, "duyet-huyen", new ProgrammeEdit(Title: "Bản tin đã sửa"));

        var ex = Assert.Throws<BulletinException>(() => Store.Approve(submitted.Id, BulletinKit.DistrictApprover));

        Assert.Contains("four-eyes rule: duyet-huyen last changed programme", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approve_SingleUserWithAccountsOff_AllowedAndTheAuditSaysFourEyesWasNotApplied()
    {
        var submitted = await _kit.SubmittedAsync(submitter: "local");

        var approved = Store.Approve(submitted.Id, new BulletinActor("local") { Approval = ApprovalScope.WholeDistrict, SingleUser = true });

        Assert.True(approved.Approved);
        Assert.Contains("four-eyes rule not applied: accounts are off", _kit.Library.Audit.Entries[^1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approve_CommuneApproverOfAnotherCommune_Forbidden()
    {
        var trinhTuong = await _kit.SubmittedAsync("Trịnh Tường");

        var ex = Assert.Throws<BulletinException>(() => Store.Approve(trinhTuong.Id, BulletinKit.YTyApprover));

        Assert.Equal(BulletinRefusal.Forbidden, ex.Refusal);
        Assert.Equal($"duyet-yty approves for commune y-ty only; programme {trinhTuong.Id} 'Bản tin' is an item of commune Trịnh Tường", ex.Message);
        Assert.Equal(ProgrammeState.Submitted, Store.Find(trinhTuong.Id)!.State);
    }

    [Fact]
    public async Task Reject_CommuneApproverOfAnotherCommune_Forbidden()
    {
        var trinhTuong = await _kit.SubmittedAsync("Trịnh Tường");

        var ex = Assert.Throws<BulletinException>(() => Store.Reject(trinhTuong.Id, BulletinKit.YTyApprover, "không"));

        Assert.Equal(BulletinRefusal.Forbidden, ex.Refusal);
        Assert.Equal(ProgrammeState.Submitted, Store.Find(trinhTuong.Id)!.State);
    }

    [Fact]
    public async Task Approve_CommuneApproverNamedByTopologyId_ApprovesTheirCommunesItem()
    {
        var yTy = await _kit.SubmittedAsync("Y Tý");

        Assert.True(Store.Approve(yTy.Id, BulletinKit.YTyApprover).Approved);
    }

    [Fact]
    public async Task Approve_CommuneApprover_DistrictItemForbidden()
    {
        var district = await _kit.SubmittedAsync(commune: null);

        var ex = Assert.Throws<BulletinException>(() => Store.Approve(district.Id, BulletinKit.TrinhTuongApprover));

        Assert.EndsWith("is a district item, which a district approver or an administrator decides", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approve_DistrictApprover_ApprovesDistrictItemsAndAnyCommunes()
    {
        var district = await _kit.SubmittedAsync(commune: null);
        var trinhTuong = await _kit.SubmittedAsync("Trịnh Tường");

        Assert.True(Store.Approve(district.Id, BulletinKit.DistrictApprover).Approved);
        Assert.True(Store.Approve(trinhTuong.Id, BulletinKit.DistrictApprover).Approved);
    }

    [Fact]
    public async Task Approve_NotAnApprover_Forbidden()
    {
        var submitted = await _kit.SubmittedAsync();

        var ex = Assert.Throws<BulletinException>(() => Store.Approve(submitted.Id, BulletinKit.NotAnApprover));

        Assert.StartsWith("van-hanh is not an approver", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reject_BySubmitterWhoIsAnApprover_AllowedAsAWithdrawal()
    {
        var submitted = await _kit.SubmittedAsync(submitter: "duyet-huyen");

        var rejected = Store.Reject(submitted.Id, BulletinKit.DistrictApprover, "rút lại để sửa");

        Assert.Equal(ProgrammeState.Rejected, rejected.State);
    }

    public void Dispose() => _kit.Dispose();
}
