using Broadcast.Protocol.Identity;
using Broadcast.Tests.Common;

namespace Broadcast.Protocol.Tests;

public sealed class JsonEndpointRegistryTests
{
    [Fact]
    public void Upsert_ThenOpenAgain_RegistrationSurvivesAndIsFoundByKey()
    {
        using var dir = new TempDirectory();
        var path = dir.File("endpoints.json");
        using var keys = StaticKeyPair.Generate();
        JsonEndpointRegistry.Open(path).Upsert(new EndpointRegistration("BX-TT-01", "Trịnh Tường", "Thôn Cốc", keys.PublicKey, IpBinding.Parse("127.10.1.0/24")));

        var reopened = JsonEndpointRegistry.Open(path);

        var found = reopened.FindByPublicKey(keys.PublicKey.Span);
        Assert.NotNull(found);
        Assert.Equal("BX-TT-01", found.Id);
        Assert.Equal("Trịnh Tường", found.Commune);
        Assert.Equal("127.10.1.0/24", found.Binding.ToString());
        Assert.False(found.Revoked);
    }

    [Fact]
    public void Revoke_PersistsAcrossReload()
    {
        using var dir = new TempDirectory();
        var path = dir.File("endpoints.json");
        using var keys = StaticKeyPair.Generate();
        var registry = JsonEndpointRegistry.Open(path);
        registry.Upsert(new EndpointRegistration("BX-TT-02", "c", "h", keys.PublicKey, IpBinding.Parse("127.10.1.2")));

        Assert.True(registry.Revoke("BX-TT-02"));
        Assert.False(registry.Revoke("BX-UNKNOWN"));

        Assert.True(JsonEndpointRegistry.Open(path).FindById("BX-TT-02")!.Revoked);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("""{"formatVersion": 9, "endpoints": []}""")]
    [InlineData("""{"formatVersion": 1}""")]
    [InlineData("""{"formatVersion": 1, "endpoints": [{"id": "A", "publicKey": "AAAA", "bind": "127.0.0.1"}]}""")]
    [InlineData("""{"formatVersion": 1, "endpoints": [{"id": "A", "publicKey": "0r21rwnC/JOwvv9h+PjUCpG/ga+/ph0CfWdYWcf0LS0=", "bind": "nowhere"}]}""")]
    public void Open_CorruptFile_TypedErrorNamingTheFile(string content)
    {
        using var dir = new TempDirectory();
        var path = dir.File("endpoints.json");
        File.WriteAllText(path, content);

        var ex = Assert.Throws<CredentialsFileException>(() => JsonEndpointRegistry.Open(path));

        Assert.Contains("endpoints.json", ex.Message, StringComparison.Ordinal);
    }
}
