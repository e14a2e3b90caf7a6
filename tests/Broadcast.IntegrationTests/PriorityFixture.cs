using Broadcast.IntegrationTests.Audio;
using Broadcast.IntegrationTests.Rig;
using Broadcast.Tests.Common;

namespace Broadcast.IntegrationTests;

/// <summary>
/// Two communes (Thị trấn Bát Xát, 13 clusters, and A Lù, 15 clusters, three of them on MQTT media) and tone
/// programmes that tell the broadcasts apart in the recordings: 300 Hz district, 600 Hz commune, 1 kHz emergency.
/// </summary>
public sealed class PriorityFixture : IAsyncLifetime, IDisposable
{
    public const double DistrictHz = 300;
    public const double CommuneHz = 600;
    public const double EmergencyHz = 1000;
    public const string Town = "thi-tran-bat-xat";
    public const string ALu = "a-lu";

    private readonly TempDirectory _files = new();
    private ControllerRig? _rig;

    internal ControllerRig Rig => _rig!;

    internal static IReadOnlyList<double> Tones { get; } = [DistrictHz, CommuneHz, EmergencyHz];

    public async Task InitializeAsync()
    {
        _rig = await ControllerRig.StartAsync(new RigOptions { ClusterCount = 28 });
    }

    /// <summary>An Ogg Opus tone programme at -12 dBFS.</summary>
    internal string Tone(double hz, double seconds) =>
        Programmes.WriteOpus(_files.File(FormattableString.Invariant($"tone-{hz}-{seconds}-{Guid.NewGuid():N}.opus")), Signals.Sine(hz, -12, seconds));

    public async Task DisposeAsync()
    {
        if (_rig is not null)
        {
            await _rig.DisposeAsync();
        }

        _files.Dispose();
    }

    public void Dispose() => _files.Dispose();
}
