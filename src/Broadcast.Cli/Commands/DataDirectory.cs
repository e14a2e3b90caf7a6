using Broadcast.Protocol.Identity;

namespace Broadcast.Cli.Commands;

/// <summary>The controller's data directory: its identity key and endpoint registry (shared with <c>bcast serve</c>).</summary>
internal sealed class DataDirectory(string path)
{
    public const string DefaultPath = "data";

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public string IdentityFile => System.IO.Path.Combine(Path, "controller.key.json");

    public string RegistryFile => System.IO.Path.Combine(Path, "endpoints.json");

    /// <summary>Loads the controller identity, creating it on first use (the controller does the same at first start).</summary>
    public ControllerIdentity LoadOrCreateIdentity(out bool created)
    {
        created = false;
        if (File.Exists(IdentityFile))
        {
            return ControllerIdentity.Load(IdentityFile);
        }

        Directory.CreateDirectory(Path);
        var identity = ControllerIdentity.Generate();
        identity.Save(IdentityFile);
        created = true;
        return identity;
    }

    public JsonEndpointRegistry OpenRegistry() => JsonEndpointRegistry.Open(RegistryFile);
}
