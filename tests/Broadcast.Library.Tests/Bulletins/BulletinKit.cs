using Broadcast.Library.Bulletins;

namespace Broadcast.Library.Tests.Bulletins;

/// <summary>People of the workflow tests, and programmes brought to each state through the store's own steps.</summary>
public sealed class BulletinKit : IDisposable
{
    public const string Editor = "bien-tap";
    public const string OtherEditor = "bien-tap-2";

    public static readonly BulletinActor DistrictApprover = new("duyet-huyen") { Approval = ApprovalScope.WholeDistrict };
    public static readonly BulletinActor SecondDistrictApprover = new("duyet-huyen-2") { Approval = ApprovalScope.WholeDistrict };

    // Commune approvers as accounts name their communes: by topology id ("y-ty") or by name.
    public static readonly BulletinActor YTyApprover = new("duyet-yty") { Approval = ApprovalScope.ForCommunes(["y-ty"]) };
    public static readonly BulletinActor TrinhTuongApprover = new("duyet-tt") { Approval = ApprovalScope.ForCommunes(["Trịnh Tường"]) };
    public static readonly BulletinActor NotAnApprover = new("van-hanh");

    private int _tone = 200;

    public LibraryKit Library { get; } = new();

    public async Task<ProgrammeRecord> DraftAsync(string? commune = null, string uploader = Editor, string title = "Bản tin")
    {
        // A different tone each time: different bytes, so a new programme rather than a duplicate.
        _tone += 7;
        var wav = Library.Wav($"b{_tone}.wav", seconds: 0.3, frequency: _tone);
        return (await Library.UploadAsync(wav, title, commune: commune, actor: uploader)).Record;
    }

    public async Task<ProgrammeRecord> SubmittedAsync(string? commune = null, string submitter = Editor) =>
        Library.Store.Submit((await DraftAsync(commune, submitter)).Id, submitter);

    public async Task<ProgrammeRecord> ApprovedAsync(string? commune = null) =>
        Library.Store.Approve((await SubmittedAsync(commune)).Id, DistrictApprover);

    public async Task<ProgrammeRecord> RejectedAsync(string? commune = null) =>
        Library.Store.Reject((await SubmittedAsync(commune)).Id, DistrictApprover, "sai ngày tiêm chủng");

    public Task<ProgrammeRecord> InStateAsync(ProgrammeState state, string? commune = null) => state switch
    {
        ProgrammeState.Draft => DraftAsync(commune),
        ProgrammeState.Submitted => SubmittedAsync(commune),
        ProgrammeState.Approved => ApprovedAsync(commune),
        _ => RejectedAsync(commune),
    };

    public void Dispose() => Library.Dispose();
}
