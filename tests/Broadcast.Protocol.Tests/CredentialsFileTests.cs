using System.Text.Json.Nodes;
using Broadcast.Protocol.Identity;
using Broadcast.Tests.Common;

namespace Broadcast.Protocol.Tests;

public sealed class CredentialsFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static CredentialsFile Sample()
    {
        using var controller = StaticKeyPair.Generate(new SeededRandom(1));
        return new CredentialsFile("BX-TT-01", "Trịnh Tường", "Na Lốc 1", "bat-xat", StaticKeyPair.Generate(new SeededRandom(2)),
            controller.PublicKey, IpBinding.Parse("10.20.3.15/32"), new Uri("mqtts://controller.bat-xat.local:8883"));
    }

    [Fact]
    public void SaveLoad_RoundTrip_SameFields()
    {
        using var original = Sample();
        var path = _dir.File("creds.json");

        original.Save(path);
        using var loaded = CredentialsFile.Load(path);

        Assert.Equal(original.EndpointId, loaded.EndpointId);
        Assert.Equal(original.Commune, loaded.Commune);
        Assert.Equal(original.Hamlet, loaded.Hamlet);
        Assert.Equal(original.District, loaded.District);
        Assert.Equal(original.KeyPair.PublicKey, loaded.KeyPair.PublicKey);
        Assert.True(original.KeyPair.PrivateKey.SequenceEqual(loaded.KeyPair.PrivateKey));
        Assert.Equal(original.ControllerPublicKey, loaded.ControllerPublicKey);
        Assert.Equal(original.Binding, loaded.Binding);
        Assert.Equal(original.ControllerMqttUrl, loaded.ControllerMqttUrl);
    }

    [Fact]
    public void Save_Always_Mode0600AndNoTempFileLeft()
    {
        using var original = Sample();
        var path = _dir.File("creds.json");

        original.Save(path);
        original.Save(path);

        Assert.Equal(["creds.json"], Directory.GetFiles(_dir.Path).Select(Path.GetFileName));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    [Fact]
    public void ToString_Always_HidesPrivateKey()
    {
        using var original = Sample();
        var secret = Convert.ToBase64String(original.KeyPair.PrivateKey);

        Assert.DoesNotContain(secret, original.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, original.KeyPair.ToString(), StringComparison.Ordinal);
        Assert.Contains(original.KeyPair.PublicKey.ToBase64(), original.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_MissingErrorNamingFile()
    {
        var path = _dir.File("nope.json");
        var ex = Assert.Throws<CredentialsFileException>(() => CredentialsFile.Load(path));
        Assert.Equal(CredentialsError.Missing, ex.Error);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NotJson_InvalidJson()
    {
        var path = _dir.File("bad.json");
        File.WriteAllText(path, "{ this is not json");
        var ex = Assert.Throws<CredentialsFileException>(() => CredentialsFile.Load(path));
        Assert.Equal(CredentialsError.InvalidJson, ex.Error);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("formatVersion", "2", CredentialsError.WrongVersion)]
    [InlineData("endpointPrivateKey", "\"AAEC\"", CredentialsError.BadKeyLength)]
    [InlineData("controllerPublicKey", "\"not base64!\"", CredentialsError.BadKeyLength)]
    [InlineData("endpointPublicKey", "\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\"", CredentialsError.KeyMismatch)]
    [InlineData("binding", "\"10.0.0.1/40\"", CredentialsError.InvalidField)]
    [InlineData("endpointId", "17", CredentialsError.InvalidJson)]
    public void Load_BadField_TypedErrorWithoutSecret(string field, string json, CredentialsError expected)
    {
        using var original = Sample();
        var path = _dir.File("creds.json");
        original.Save(path);
        var node = JsonNode.Parse(File.ReadAllText(path))!;
        node[field] = JsonNode.Parse(json);
        File.WriteAllText(path, node.ToJsonString());

        var ex = Assert.Throws<CredentialsFileException>(() => CredentialsFile.Load(path));

        Assert.Equal(expected, ex.Error);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(original.KeyPair.PrivateKey), ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ControllerIdentity_SaveLoad_RoundTripAndMode0600()
    {
        using var identity = ControllerIdentity.Generate(new SeededRandom(3));
        var path = _dir.File("controller.json");

        identity.Save(path);
        using var loaded = ControllerIdentity.Load(path);

        Assert.Equal(identity.PublicKey, loaded.PublicKey);
        Assert.DoesNotContain(Convert.ToBase64String(identity.KeyPair.PrivateKey), identity.ToString(), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }
}
