using Broadcast.Tests.Common;
using Broadcast.WebTests.Browser;
using Broadcast.WebTests.Hosting;

namespace Broadcast.WebTests;

/// <summary>
/// The controller with accounts on and the whole Bát Xát district: the town's 13 clusters simulated from the start,
/// A Lù's 15 provisioned but left offline for the dashboard test to bring up. Accounts for each role and two
/// programmes in the library. One Chromium for all tests.
/// </summary>
public sealed class DistrictConsoleFixture : IAsyncLifetime
{
    public const string Town = "thi-tran-bat-xat";
    public const string TownName = "Thị trấn Bát Xát";
    public const string ALu = "a-lu";
    public const string ALuName = "A Lù";
    public const int TownClusters = 13;
    public const int ALuClusters = 15;

    public const string Operator = "dieuhanh";
    public const string OperatorPassword = "operator-password-1";
    public const string Editor = "bientap-alu";
    public const string EditorPassword = "editor-password-1";
    public const string Approver = "pheduyet";
    public const string ApproverPassword = "approver-password-1";

    private ConsoleHost? _host;
    private Chromium? _chromium;

    internal ConsoleHost Host => _host!;

    internal Chromium Chromium => _chromium!;

    /// <summary>A district news programme (30 s).</summary>
    public string NewsId { get; private set; } = "";

    public const string NewsTitle = "Bản tin sáng";

    /// <summary>A recorded alert in the emergency category (60 s, so a test can watch it and stop it).</summary>
    public string AlertId { get; private set; } = "";

    public const string AlertTitle = "Cảnh báo lũ quét";

    public async Task InitializeAsync()
    {
        _host = await ConsoleHost.StartAsync(new ConsoleHostOptions { ProvisionedCommunes = [Town, ALu] });
        await _host.CreateUserAsync(Operator, OperatorPassword, new { displayName = "Điều hành viên", roles = new[] { "DistrictOperator" }, emergencyPermission = true });
        await _host.CreateUserAsync(Editor, EditorPassword, new { displayName = "Biên tập A Lù", roles = new[] { "CommuneEditor" }, communes = new[] { ALu } });
        await _host.CreateUserAsync(Approver, ApproverPassword, new { displayName = "Người duyệt", roles = new[] { "Approver" }, approverScope = "district" });
        // 16 kHz keeps the files small; the controller resamples to 48 kHz like any upload.
        NewsId = await _host.UploadAsync(NewsTitle, "news", Signals.SpeechLikeNoise(30, sampleRate: 16_000), 16_000);
        AlertId = await _host.UploadAsync(AlertTitle, "emergency", Signals.Sine(880, -12, 60, 16_000), 16_000);
        // Only approved programmes air: the news goes through the workflow (four eyes: the admin submits, the approver
        // approves). The alert stays a draft, which an emergency may still air.
        await _host.ApproveAsync(NewsId, Approver, ApproverPassword);
        await _host.StartSimulatorAsync(Town);
        _chromium = await Chromium.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        if (_chromium is not null)
        {
            await _chromium.DisposeAsync();
        }

        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class DistrictConsoleCollection : ICollectionFixture<DistrictConsoleFixture>
{
    public const string Name = "district console";
}
