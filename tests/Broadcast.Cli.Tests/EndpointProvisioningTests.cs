using System.Text.Json;
using Broadcast.Protocol.Identity;
using Broadcast.Tests.Common;

namespace Broadcast.Cli.Tests;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class EndpointProvisioningTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string DataDir => _dir.File("data");

    [Fact]
    public void Provision_OneEndpoint_WritesPrivateCredentialsAndRegistersPublicKey()
    {
        var creds = _dir.File("BX-TT-01.json");

        var r = BcastProcess.Run("endpoint", "provision", "--data-dir", DataDir, "--id", "BX-TT-01", "--commune", "Trịnh Tường", "--hamlet", "Thôn Cốc", "--bind", "10.20.3.15/32", "--out", creds);

        Assert.Equal(0, r.ExitCode);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(creds));
        using var credentials = CredentialsFile.Load(creds);
        Assert.Equal("BX-TT-01", credentials.EndpointId);
        Assert.Equal("Trịnh Tường", credentials.Commune);
        using var identity = ControllerIdentity.Load(Path.Combine(DataDir, "controller.key.json"));
        Assert.Equal(identity.PublicKey, credentials.ControllerPublicKey);
        var registered = JsonEndpointRegistry.Open(Path.Combine(DataDir, "endpoints.json")).FindById("BX-TT-01");
        Assert.NotNull(registered);
        Assert.Equal(credentials.KeyPair.PublicKey, registered.PublicKey);
        Assert.Equal("10.20.3.15/32", registered.Binding.ToString());
        // The private key never reaches the terminal.
        var privateKey = JsonDocument.Parse(File.ReadAllText(creds)).RootElement.EnumerateObject().First(p => p.Name.Contains("private", StringComparison.OrdinalIgnoreCase)).Value.GetString()!;
        Assert.DoesNotContain(privateKey, r.StdOut + r.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Provision_SameIdTwice_RefusedWithoutReplace()
    {
        Assert.Equal(0, BcastProcess.Run("endpoint", "provision", "--data-dir", DataDir, "--id", "BX-TT-01", "--bind", "10.20.3.15", "--out", _dir.File("a.json")).ExitCode);

        var r = BcastProcess.Run("endpoint", "provision", "--data-dir", DataDir, "--id", "BX-TT-01", "--bind", "10.20.3.16", "--out", _dir.File("b.json"));

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("already provisioned", r.StdErr, StringComparison.Ordinal);
        Assert.False(File.Exists(_dir.File("b.json")));
    }

    [Fact]
    public void Provision_BadBinding_ExitsUsageNamingIt()
    {
        var r = BcastProcess.Run("endpoint", "provision", "--data-dir", DataDir, "--id", "BX-TT-02", "--bind", "10.20.3.300/33", "--out", _dir.File("x.json"));

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("10.20.3.300/33", r.StdErr, StringComparison.Ordinal);
        Assert.False(File.Exists(_dir.File("x.json")));
    }

    [Fact]
    public void ProvisionTopology_BatXat_OneDistinctCredentialsFilePerCluster()
    {
        var outDir = _dir.File("creds");
        var topology = RepoPaths.BatXatTopology;

        var r = BcastProcess.Run("endpoint", "provision", "--data-dir", DataDir, "--topology", topology, "--out-dir", outDir);

        Assert.Equal(0, r.ExitCode);
        var files = Directory.GetFiles(outDir, "*.json");
        var expected = Broadcast.Topology.TopologyLoader.Load(topology).Clusters.Count();
        Assert.Equal(expected, files.Length);
        var keys = new HashSet<string>();
        foreach (var f in files)
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(f));
            using var c = CredentialsFile.Load(f);
            Assert.Equal(Path.GetFileNameWithoutExtension(f), c.EndpointId);
            Assert.True(keys.Add(c.KeyPair.PublicKey.ToBase64()), "every cluster gets its own key");
        }

        Assert.Equal(expected, JsonEndpointRegistry.Open(Path.Combine(DataDir, "endpoints.json")).All.Count);

        // Again without --replace: refused as a whole, nothing rewritten.
        var before = File.ReadAllText(files[0]);
        var again = BcastProcess.Run("endpoint", "provision", "--data-dir", DataDir, "--topology", topology, "--out-dir", outDir);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("nothing was changed", again.StdErr, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(files[0]));
    }

    [Fact]
    public void Revoke_ThenList_ShowsRevokedAndRegistryRefusesNothingElse()
    {
        BcastProcess.Run("endpoint", "provision", "--data-dir", DataDir, "--id", "BX-TT-01", "--bind", "10.20.3.15", "--out", _dir.File("a.json"));
        BcastProcess.Run("endpoint", "provision", "--data-dir", DataDir, "--id", "BX-TT-02", "--bind", "10.20.3.16", "--out", _dir.File("b.json"));

        Assert.Equal(0, BcastProcess.Run("endpoint", "revoke", "--data-dir", DataDir, "--id", "BX-TT-01").ExitCode);
        var list = BcastProcess.Run("endpoint", "list", "--data-dir", DataDir, "--json");

        Assert.Equal(0, list.ExitCode);
        var entries = JsonDocument.Parse(list.StdOut).RootElement.EnumerateArray().ToDictionary(e => e.GetProperty("id").GetString()!, e => e.GetProperty("revoked").GetBoolean());
        Assert.True(entries["BX-TT-01"]);
        Assert.False(entries["BX-TT-02"]);
        Assert.Equal(2, BcastProcess.Run("endpoint", "revoke", "--data-dir", DataDir, "--id", "BX-NOPE-1").ExitCode);
    }
}
