using Broadcast.Protocol.Identity;

namespace Broadcast.FirmwareSim.Cluster;

/// <summary>A cluster with its keys: loaded from a credentials file or generated.</summary>
internal sealed record ClusterIdentity(ClusterSpec Spec, StaticKeyPair KeyPair, X25519PublicKey ControllerKey, string District);
