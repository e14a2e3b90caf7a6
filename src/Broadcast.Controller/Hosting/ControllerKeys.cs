using Broadcast.Protocol.Identity;
using Microsoft.Extensions.Logging;

namespace Broadcast.Controller.Hosting;

/// <summary>Loads DataDir/controller.key.json, creating it (mode 0600, atomic) on first start.</summary>
internal static class ControllerKeys
{
    public const string FileName = "controller.key.json";

    public static ControllerIdentity LoadOrCreate(string dataDir, ILogger logger)
    {
        Directory.CreateDirectory(dataDir);
        var path = Path.Combine(dataDir, FileName);
        if (File.Exists(path))
        {
            var existing = ControllerIdentity.Load(path);
            ControllerLog.IdentityLoaded(logger, path, existing.PublicKey.ToBase64());
            return existing;
        }

        var identity = ControllerIdentity.Generate();
        identity.Save(path);
        ControllerLog.IdentityCreated(logger, path, identity.PublicKey.ToBase64());
        return identity;
    }
}
