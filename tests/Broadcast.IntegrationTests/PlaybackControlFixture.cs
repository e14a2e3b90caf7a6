using Broadcast.IntegrationTests.Rig;
using Broadcast.Tests.Common;

namespace Broadcast.IntegrationTests;

/// <summary>Four simulated clusters for the pause, resume and volume scenarios.</summary>
public sealed class PlaybackControlFixture : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _files = new();
    private ControllerRig? _rig;

    internal ControllerRig Rig => _rig!;

    public async Task InitializeAsync() => _rig = await ControllerRig.StartAsync(new RigOptions { ClusterCount = 4 });

    internal string File(string name) => _files.File(name);

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
