using System.Collections.Concurrent;

namespace Broadcast.Protocol.Identity;

/// <summary>Thread-safe in-memory registry for tests, the simulator and as a cache in front of storage.</summary>
public sealed class InMemoryEndpointRegistry : IEndpointRegistry
{
    private readonly ConcurrentDictionary<X25519PublicKey, EndpointRegistration> _byKey = new();
    private readonly ConcurrentDictionary<string, EndpointRegistration> _byId = new(StringComparer.Ordinal);

    /// <summary>All registrations.</summary>
    public IReadOnlyCollection<EndpointRegistration> All => [.. _byId.Values];

    /// <summary>Adds or replaces the registration with the same id.</summary>
    public void Upsert(EndpointRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        if (_byId.TryGetValue(registration.Id, out var old))
        {
            _byKey.TryRemove(old.PublicKey, out _);
        }

        _byId[registration.Id] = registration;
        _byKey[registration.PublicKey] = registration;
    }

    /// <summary>Marks an endpoint revoked; false when the id is unknown.</summary>
    public bool Revoke(string id)
    {
        if (!_byId.TryGetValue(id, out var old))
        {
            return false;
        }

        Upsert(old with { Revoked = true });
        return true;
    }

    /// <summary>By id, or null.</summary>
    public EndpointRegistration? FindById(string id) => _byId.GetValueOrDefault(id);

    /// <inheritdoc />
    public EndpointRegistration? FindByPublicKey(ReadOnlySpan<byte> publicKey) =>
        X25519PublicKey.TryCreate(publicKey, out var key) ? _byKey.GetValueOrDefault(key!) : null;
}
