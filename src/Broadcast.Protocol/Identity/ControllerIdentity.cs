using System.Security.Cryptography;

namespace Broadcast.Protocol.Identity;

/// <summary>
/// The controller's static X25519 key pair (pinned by every endpoint), stored like <see cref="CredentialsFile"/>:
/// JSON format version 1, mode 0600, atomic replace.
/// </summary>
public sealed class ControllerIdentity : IDisposable
{
    /// <summary>Format version written and accepted.</summary>
    public const int FormatVersion = 1;

    /// <summary>Wraps a key pair.</summary>
    public ControllerIdentity(StaticKeyPair keyPair)
    {
        ArgumentNullException.ThrowIfNull(keyPair);
        KeyPair = keyPair;
    }

    /// <summary>The key pair.</summary>
    public StaticKeyPair KeyPair { get; }

    /// <summary>The public key endpoints pin.</summary>
    public X25519PublicKey PublicKey => KeyPair.PublicKey;

    /// <summary>Creates a new identity.</summary>
    public static ControllerIdentity Generate(Crypto.IRandomSource? random = null) => new(StaticKeyPair.Generate(random));

    /// <summary>Writes the file atomically with mode 0600.</summary>
    public void Save(string path) =>
        SecretFile.Write(path, writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("formatVersion", FormatVersion);
            writer.WriteString("controllerPrivateKey", KeyPair.PrivateKeyBase64());
            writer.WriteString("controllerPublicKey", KeyPair.PublicKey.ToBase64());
            writer.WriteEndObject();
        });

    /// <summary>Loads; throws <see cref="CredentialsFileException"/> naming the file.</summary>
    public static ControllerIdentity Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        using var document = SecretFile.Read(full);
        var root = document.RootElement;
        SecretFile.RequireVersion(root, FormatVersion, full);
        var privateKey = SecretFile.RequireKey(root, "controllerPrivateKey", full);
        var publicKey = SecretFile.RequireKey(root, "controllerPublicKey", full);
        var keyPair = StaticKeyPair.FromPrivateKey(privateKey);
        CryptographicOperations.ZeroMemory(privateKey);
        if (!keyPair.PublicKey.Span.SequenceEqual(publicKey))
        {
            keyPair.Dispose();
            throw new CredentialsFileException(CredentialsError.KeyMismatch, full, "controllerPublicKey does not belong to controllerPrivateKey");
        }

        return new ControllerIdentity(keyPair);
    }

    /// <inheritdoc />
    public override string ToString() => $"ControllerIdentity(public {PublicKey}, private key redacted)";

    /// <inheritdoc />
    public void Dispose() => KeyPair.Dispose();
}
