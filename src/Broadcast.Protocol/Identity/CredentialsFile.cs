using System.Security.Cryptography;
using Broadcast.Protocol.Control;

namespace Broadcast.Protocol.Identity;

/// <summary>
/// An endpoint's credentials, written at provisioning (`bcast endpoint provision`) and loaded by the firmware
/// (simulator): its id and place, its static key pair, the pinned controller public key, its binding and the
/// controller's MQTT URL. JSON, format version 1, mode 0600. <see cref="ToString"/> never shows the private key.
/// </summary>
public sealed class CredentialsFile : IDisposable
{
    /// <summary>Format version written and accepted.</summary>
    public const int FormatVersion = 1;

    /// <summary>Creates credentials in memory.</summary>
    public CredentialsFile(string endpointId, string commune, string hamlet, string district, StaticKeyPair keyPair, X25519PublicKey controllerPublicKey, IpBinding binding, Uri controllerMqttUrl)
    {
        ArgumentNullException.ThrowIfNull(keyPair);
        ArgumentNullException.ThrowIfNull(controllerPublicKey);
        ArgumentNullException.ThrowIfNull(binding);
        ArgumentNullException.ThrowIfNull(controllerMqttUrl);
        if (!Topics.IsValidId(endpointId) || !Topics.IsValidId(district))
        {
            throw new ArgumentException("Endpoint and district ids use 1 to 32 of A-Z, a-z, 0-9, '-', '_'.", nameof(endpointId));
        }

        EndpointId = endpointId;
        Commune = commune ?? string.Empty;
        Hamlet = hamlet ?? string.Empty;
        District = district;
        KeyPair = keyPair;
        ControllerPublicKey = controllerPublicKey;
        Binding = binding;
        ControllerMqttUrl = controllerMqttUrl;
    }

    /// <summary>Endpoint id, e.g. "BX-TT-01".</summary>
    public string EndpointId { get; }

    /// <summary>Commune name.</summary>
    public string Commune { get; }

    /// <summary>Hamlet name.</summary>
    public string Hamlet { get; }

    /// <summary>District id (topic segment), e.g. "bat-xat".</summary>
    public string District { get; }

    /// <summary>The endpoint's static key pair.</summary>
    public StaticKeyPair KeyPair { get; }

    /// <summary>Pinned controller public key.</summary>
    public X25519PublicKey ControllerPublicKey { get; }

    /// <summary>Address binding registered for this endpoint.</summary>
    public IpBinding Binding { get; }

    /// <summary>Controller broker URL, e.g. mqtts://controller.bat-xat.local:8883.</summary>
    public Uri ControllerMqttUrl { get; }

    /// <summary>The registry entry that matches these credentials.</summary>
    public EndpointRegistration ToRegistration() => new(EndpointId, Commune, Hamlet, KeyPair.PublicKey, Binding);

    /// <summary>Writes the file atomically with mode 0600.</summary>
    public void Save(string path) => SecretFile.Write(path, WriteJson);

    /// <summary>The file's content, for a provisioning answer that the technician's tool saves (it holds the private key).</summary>
    public byte[] ToJson()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer, new System.Text.Json.JsonWriterOptions { Indented = true }))
        {
            WriteJson(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private void WriteJson(System.Text.Json.Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteNumber("formatVersion", FormatVersion);
        writer.WriteString("endpointId", EndpointId);
        writer.WriteString("commune", Commune);
        writer.WriteString("hamlet", Hamlet);
        writer.WriteString("district", District);
        writer.WriteString("endpointPrivateKey", KeyPair.PrivateKeyBase64());
        writer.WriteString("endpointPublicKey", KeyPair.PublicKey.ToBase64());
        writer.WriteString("controllerPublicKey", ControllerPublicKey.ToBase64());
        writer.WriteString("binding", Binding.ToString());
        writer.WriteString("controllerMqttUrl", ControllerMqttUrl.ToString());
        writer.WriteEndObject();
    }

    /// <summary>Loads and validates a file; throws <see cref="CredentialsFileException"/> naming the file and the problem.</summary>
    public static CredentialsFile Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        using var document = SecretFile.Read(full);
        var root = document.RootElement;
        SecretFile.RequireVersion(root, FormatVersion, full);
        var endpointId = SecretFile.RequireString(root, "endpointId", full);
        var district = SecretFile.RequireString(root, "district", full);
        if (!Topics.IsValidId(endpointId) || !Topics.IsValidId(district))
        {
            throw new CredentialsFileException(CredentialsError.InvalidField, full, "endpointId or district is not a valid id");
        }

        var bindingText = SecretFile.RequireString(root, "binding", full);
        if (!IpBinding.TryParse(bindingText, out var binding))
        {
            throw new CredentialsFileException(CredentialsError.InvalidField, full, $"binding '{bindingText}' is not an IP address or CIDR prefix");
        }

        var urlText = SecretFile.RequireString(root, "controllerMqttUrl", full);
        if (!Uri.TryCreate(urlText, UriKind.Absolute, out var url))
        {
            throw new CredentialsFileException(CredentialsError.InvalidField, full, $"controllerMqttUrl '{urlText}' is not an absolute URL");
        }

        var privateKey = SecretFile.RequireKey(root, "endpointPrivateKey", full);
        var publicKey = SecretFile.RequireKey(root, "endpointPublicKey", full);
        var controllerKey = SecretFile.RequireKey(root, "controllerPublicKey", full);
        var keyPair = StaticKeyPair.FromPrivateKey(privateKey);
        CryptographicOperations.ZeroMemory(privateKey);
        if (!keyPair.PublicKey.Span.SequenceEqual(publicKey))
        {
            keyPair.Dispose();
            throw new CredentialsFileException(CredentialsError.KeyMismatch, full, "endpointPublicKey does not belong to endpointPrivateKey");
        }

        return new CredentialsFile(
            endpointId,
            SecretFile.RequireString(root, "commune", full),
            SecretFile.RequireString(root, "hamlet", full),
            district,
            keyPair,
            X25519PublicKey.FromSpan(controllerKey),
            binding,
            url);
    }

    /// <summary>Shows public facts only.</summary>
    public override string ToString() => $"Credentials({EndpointId}, {District}/{Commune}/{Hamlet}, public {KeyPair.PublicKey}, bound {Binding}, private key redacted)";

    /// <inheritdoc />
    public void Dispose() => KeyPair.Dispose();
}
