using Broadcast.Protocol.Identity;

namespace Broadcast.IntegrationTests.Rig;

/// <summary>What a <see cref="ControllerRig"/> starts: how many clusters of the Bát Xát topology and against which broker.</summary>
internal sealed record RigOptions
{
    /// <summary>The first N clusters of <c>config/district.bat-xat.json</c>; null = all of them.</summary>
    public int? ClusterCount { get; init; }

    /// <summary>Port of an external broker already listening on 127.0.0.1 (Mosquitto); null = the embedded broker.</summary>
    public int? ExternalBrokerPort { get; init; }

    /// <summary>Runs after every cluster is provisioned and before the controller starts (e.g. to corrupt a binding).</summary>
    public Action<JsonEndpointRegistry>? AfterProvisioning { get; init; }

    /// <summary>Clusters expected never to hold a session; the rig waits for the others.</summary>
    public IReadOnlyCollection<string> ExpectedRefused { get; init; } = [];

    /// <summary>Extra controller settings (<c>--Section:Key=value</c>).</summary>
    public IReadOnlyList<string> ControllerArgs { get; init; } = [];

    /// <summary>How long the rig waits for the handshakes before failing.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
