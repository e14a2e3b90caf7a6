using System.Text.Json;

namespace Broadcast.Protocol.Identity;

/// <summary>
/// The controller's endpoint registry kept in one JSON file (<c>DATA/endpoints.json</c>): every change is written to a
/// temporary file and renamed over the old one, so a crash or a full disk never leaves a half-written registry.
/// Holds public keys and bindings only; endpoint secrets live in their credentials files.
/// </summary>
public sealed class JsonEndpointRegistry : IEndpointRegistry
{
    public const int FormatVersion = 1;

    private readonly InMemoryEndpointRegistry _inner = new();
    private readonly Lock _gate = new();

    private JsonEndpointRegistry(string path)
    {
        FilePath = Path.GetFullPath(path);
    }

    /// <summary>The registry file.</summary>
    public string FilePath { get; }

    public IReadOnlyCollection<EndpointRegistration> All => _inner.All;

    /// <summary>Opens the registry at <paramref name="path"/>; a missing file is an empty registry (created on first write).</summary>
    /// <exception cref="CredentialsFileException">The file exists but is not a valid registry.</exception>
    public static JsonEndpointRegistry Open(string path)
    {
        var registry = new JsonEndpointRegistry(path);
        registry.Reload();
        return registry;
    }

    /// <summary>Reads the file again (another process, such as <c>bcast endpoint provision</c>, may have changed it).</summary>
    public void Reload()
    {
        lock (_gate)
        {
            if (!File.Exists(FilePath))
            {
                return;
            }

            using var doc = SecretFile.Read(FilePath);
            var root = doc.RootElement;
            SecretFile.RequireVersion(root, FormatVersion, FilePath);
            if (!root.TryGetProperty("endpoints", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                throw new CredentialsFileException(CredentialsError.InvalidField, FilePath, "field 'endpoints' is missing or not a list");
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var e in list.EnumerateArray())
            {
                var id = SecretFile.RequireString(e, "id", FilePath);
                var key = X25519PublicKey.FromSpan(SecretFile.RequireKey(e, "publicKey", FilePath));
                var bind = SecretFile.RequireString(e, "bind", FilePath);
                if (!IpBinding.TryParse(bind, out var binding))
                {
                    throw new CredentialsFileException(CredentialsError.InvalidField, FilePath, $"endpoint {id}: bind '{bind}' is not an IP address or CIDR block");
                }

                if (!seen.Add(id))
                {
                    throw new CredentialsFileException(CredentialsError.InvalidField, FilePath, $"endpoint {id} appears twice");
                }

                _inner.Upsert(new EndpointRegistration(
                    id,
                    e.TryGetProperty("commune", out var c) ? c.GetString() ?? string.Empty : string.Empty,
                    e.TryGetProperty("hamlet", out var h) ? h.GetString() ?? string.Empty : string.Empty,
                    key,
                    binding,
                    e.TryGetProperty("revoked", out var r) && r.ValueKind == JsonValueKind.True));
            }
        }
    }

    /// <summary>Adds or replaces a registration and saves the file.</summary>
    public void Upsert(EndpointRegistration registration)
    {
        lock (_gate)
        {
            _inner.Upsert(registration);
            Save();
        }
    }

    /// <summary>Marks an endpoint revoked and saves; false when the id is unknown.</summary>
    public bool Revoke(string id)
    {
        lock (_gate)
        {
            if (!_inner.Revoke(id))
            {
                return false;
            }

            Save();
            return true;
        }
    }

    public EndpointRegistration? FindById(string id) => _inner.FindById(id);

    public EndpointRegistration? FindByPublicKey(ReadOnlySpan<byte> publicKey) => _inner.FindByPublicKey(publicKey);

    private void Save()
    {
        var directory = Path.GetDirectoryName(FilePath);
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        var ordered = _inner.All.OrderBy(e => e.Id, StringComparer.Ordinal).ToList();
        SecretFile.Write(FilePath, w =>
        {
            w.WriteStartObject();
            w.WriteNumber("formatVersion", FormatVersion);
            w.WriteStartArray("endpoints");
            foreach (var e in ordered)
            {
                w.WriteStartObject();
                w.WriteString("id", e.Id);
                w.WriteString("commune", e.Commune);
                w.WriteString("hamlet", e.Hamlet);
                w.WriteString("publicKey", e.PublicKey.ToBase64());
                w.WriteString("bind", e.Binding.ToString());
                w.WriteBoolean("revoked", e.Revoked);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }
}
