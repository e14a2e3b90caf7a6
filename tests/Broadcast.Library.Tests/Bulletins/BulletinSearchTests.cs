using Broadcast.Library.Bulletins;

namespace Broadcast.Library.Tests.Bulletins;

/// <summary>Lists by workflow status, including the statuses that depend on the scheduler and on airing.</summary>
public sealed class BulletinSearchTests : IDisposable
{
    private readonly BulletinKit _kit = new();

    private Library.Storage.ProgrammeStore Store => _kit.Library.Store;

    [Fact]
    public async Task SearchBulletins_ByStatus_EachListHoldsExactlyItsItems()
    {
        var draft = await _kit.DraftAsync();
        var submitted = await _kit.SubmittedAsync();
        var rejected = await _kit.RejectedAsync();
        var approved = await _kit.ApprovedAsync();
        var scheduled = await _kit.ApprovedAsync();
        var aired = await _kit.ApprovedAsync();
        _kit.Library.Usage.Uses[scheduled.Id] = "schedule 3 'Sáng' next at 2026-11-25 05:30";
        Store.RecordAired(aired.Id);

        string[] Ids(BulletinStatus status) => [.. Store.SearchBulletins(new(), status).Items.Select(b => b.Programme.Id)];

        Assert.Equal([draft.Id], Ids(BulletinStatus.Draft));
        Assert.Equal([submitted.Id], Ids(BulletinStatus.Submitted));
        Assert.Equal([rejected.Id], Ids(BulletinStatus.Rejected));
        Assert.Equal([approved.Id], Ids(BulletinStatus.Approved));
        Assert.Equal([scheduled.Id], Ids(BulletinStatus.Scheduled));
        Assert.Equal([aired.Id], Ids(BulletinStatus.Aired));
        var shown = Store.SearchBulletins(new(), BulletinStatus.Scheduled).Items.Single();
        Assert.Equal((BulletinStatus.Scheduled, "schedule 3 'Sáng' next at 2026-11-25 05:30"), (shown.Status, shown.NextUse));
        Assert.Equal(6, Store.SearchBulletins(new(), null).Total);
    }

    [Fact]
    public async Task SearchBulletins_Pages_NewestFirstWithTheTotal()
    {
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await _kit.SubmittedAsync()).Id);
            _kit.Library.Time.Advance(TimeSpan.FromMinutes(1));
        }

        var first = Store.SearchBulletins(new() { PageSize = 2, Page = 1 }, BulletinStatus.Submitted);
        var second = Store.SearchBulletins(new() { PageSize = 2, Page = 2 }, BulletinStatus.Submitted);

        Assert.Equal((3, 3), (first.Total, second.Total));
        Assert.Equal([ids[2], ids[1]], first.Items.Select(b => b.Programme.Id));
        Assert.Equal([ids[0]], second.Items.Select(b => b.Programme.Id));
    }

    [Fact]
    public async Task SearchBulletins_ApprovedPages_CountOnlyTheApprovedStatus()
    {
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await _kit.ApprovedAsync()).Id);
            _kit.Library.Time.Advance(TimeSpan.FromMinutes(1));
        }

        _kit.Library.Usage.Uses[ids[1]] = "schedule 1";

        var page = Store.SearchBulletins(new() { PageSize = 1, Page = 2 }, BulletinStatus.Approved);

        Assert.Equal(2, page.Total);
        Assert.Equal([ids[0]], page.Items.Select(b => b.Programme.Id));
    }

    [Fact]
    public async Task SearchBulletins_FlaggedAndCommune_Filter()
    {
        var yTy = await _kit.DraftAsync("Y Tý");
        await _kit.DraftAsync("Trịnh Tường");
        Store.MarkFlaggedForReview(yTy.Id, "van-hanh", "broadcast 1");

        Assert.Equal([yTy.Id], Store.SearchBulletins(new() { FlaggedForReview = true }).Items.Select(b => b.Programme.Id));
        Assert.Equal([yTy.Id], Store.SearchBulletins(new() { Commune = "y ty" }).Items.Select(b => b.Programme.Id));
    }

    public void Dispose() => _kit.Dispose();
}
