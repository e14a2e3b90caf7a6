namespace Broadcast.Protocol.Identity;

/// <summary>
/// Creates endpoint identities: a fresh key pair, the registry entry on the controller side, and the credentials
/// file the speaker cluster keeps (its secret key, the controller's public key to pin, its id and binding).
/// </summary>
public sealed class EndpointProvisioner
{
    private readonly JsonEndpointRegistry _registry;
    private readonly ControllerIdentity _controller;
    private readonly string _district;
    private readonly Uri _controllerUrl;

    public EndpointProvisioner(JsonEndpointRegistry registry, ControllerIdentity controller, string district, Uri controllerUrl)
    {
        _registry = registry;
        _controller = controller;
        _district = district;
        _controllerUrl = controllerUrl;
    }

    /// <summary>Provisions one endpoint and writes its credentials (mode 0600) to <paramref name="credentialsPath"/>.</summary>
    /// <exception cref="ArgumentException">The id or binding is not valid; the message names it.</exception>
    /// <exception cref="InvalidOperationException">The id is already registered and not revoked (revoke it first).</exception>
    public EndpointRegistration Provision(string id, string commune, string hamlet, string bind, string credentialsPath, bool replace = false)
    {
        using var credentials = Create(id, commune, hamlet, bind, replace);

        // Credentials first: if the disk is full the registry does not name a key nobody holds.
        credentials.Save(credentialsPath);
        var registration = credentials.ToRegistration();
        _registry.Upsert(registration);
        return registration;
    }

    /// <summary>
    /// Provisions one endpoint and returns its credentials file's content instead of writing it (a controller answering
    /// a technician's tool over its API): the private key then exists only in that answer.
    /// </summary>
    /// <exception cref="ArgumentException">The id or binding is not valid; the message names it.</exception>
    /// <exception cref="InvalidOperationException">The id is already registered and not revoked (revoke it first).</exception>
    public (EndpointRegistration Registration, byte[] Credentials) ProvisionToMemory(string id, string commune, string hamlet, string bind, bool replace = false)
    {
        using var credentials = Create(id, commune, hamlet, bind, replace);
        var json = credentials.ToJson();
        var registration = credentials.ToRegistration();
        _registry.Upsert(registration);
        return (registration, json);
    }

    private CredentialsFile Create(string id, string commune, string hamlet, string bind, bool replace)
    {
        if (!Control.Topics.IsValidId(id))
        {
            throw new ArgumentException($"endpoint id '{id}' must be 1-32 letters, digits, '-' or '_'", nameof(id));
        }

        if (!IpBinding.TryParse(bind, out var binding))
        {
            throw new ArgumentException($"--bind '{bind}' is not an IP address or a CIDR block such as 10.20.3.15/32", nameof(bind));
        }

        var existing = _registry.FindById(id);
        if (existing is { Revoked: false } && !replace)
        {
            throw new InvalidOperationException($"endpoint {id} is already provisioned (bound to {existing.Binding}); revoke it first or pass --replace");
        }

        var keys = StaticKeyPair.Generate();
        try
        {
            return new CredentialsFile(id, commune, hamlet, _district, keys, _controller.PublicKey, binding, _controllerUrl);
        }
        catch
        {
            keys.Dispose();
            throw;
        }
    }
}
