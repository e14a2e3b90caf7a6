using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using Broadcast.Protocol.Crypto;
using Broadcast.Protocol.Identity;

namespace Broadcast.Protocol.Handshake;

/// <summary>
/// Responder (controller) side of the Noise IK handshake. <see cref="ConsumeHello"/> authenticates the
/// endpoint, enforces revocation, handshake-replay protection (per-endpoint monotonic timestamp) and the IP
/// binding, and writes the Session reply. Thread-safe: many MQTT handlers may call it at once.
/// </summary>
public sealed class ControllerHandshake : IDisposable
{
    private readonly StaticKeyPair _static;
    private readonly X25519Secret _staticKey;
    private readonly IEndpointRegistry _registry;
    private readonly TimeProvider _time;
    private readonly IRandomSource _random;
    private readonly HandshakeOptions _options;
    private readonly byte[] _mac1Key = new byte[Mac.KeySize];
    private readonly ConcurrentDictionary<X25519PublicKey, byte[]> _staticStatic = new();
    private readonly ConcurrentDictionary<string, PeerState> _peers = new(StringComparer.Ordinal);

    /// <summary>Creates the responder.</summary>
    public ControllerHandshake(StaticKeyPair controllerKey, IEndpointRegistry registry, TimeProvider time, IRandomSource? random = null, HandshakeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(controllerKey);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(time);
        _static = controllerKey;
        _staticKey = X25519Dh.ImportPrivate(controllerKey.PrivateKey);
        _registry = registry;
        _time = time;
        _random = random ?? SystemRandomSource.Instance;
        _options = options ?? new HandshakeOptions();
        Mac.DeriveMac1Key(controllerKey.PublicKey.Span, _mac1Key);
    }

    /// <summary>
    /// Processes a Hello received on bcast/{district}/ep/{<paramref name="topicEndpointId"/>}/hello from
    /// <paramref name="observedAddress"/> (the broker-reported client address, or the UDP source; null when the
    /// caller cannot know it, in which case the binding is checked later on the first UDP packet). On acceptance,
    /// writes the Session reply into <paramref name="sessionDestination"/>. Never throws for any input bytes.
    /// </summary>
    public HelloResult ConsumeHello(ReadOnlySpan<byte> hello, string? topicEndpointId, IPAddress? observedAddress, Span<byte> sessionDestination)
    {
        if (hello.Length != HelloMessage.Size || !HelloMessage.TryRead(hello, out var message, out _) || message is null)
        {
            return new HelloResult(HandshakeStatus.Malformed, $"malformed Hello of {hello.Length} bytes from {Show(observedAddress)}") { ObservedAddress = observedAddress };
        }

        // mac1 first: a sender that does not know our public key costs one MAC and gets no answer.
        if (!Mac.Verify(_mac1Key, hello[..HelloMessage.Mac1Offset], message.Mac1))
        {
            return new HelloResult(HandshakeStatus.BadMac, $"Hello with a bad mac1 from {Show(observedAddress)}") { ObservedAddress = observedAddress };
        }

        var state = new NoiseState(_static.PublicKey.Span);
        Span<byte> k = stackalloc byte[Aead.KeySize];
        Span<byte> dh = stackalloc byte[X25519Dh.KeySize];
        Span<byte> initiatorStatic = stackalloc byte[X25519Dh.KeySize];
        Span<byte> timestampBytes = stackalloc byte[Tai64N.Size];
        try
        {
            state.MixHash(message.Ephemeral);
            if (!X25519Dh.TryAgree(_staticKey, message.Ephemeral, dh))
            {
                return Refused(HandshakeStatus.DecryptFailed, "Hello with an unusable ephemeral key", observedAddress);
            }

            state.MixKey(dh, k);
            if (!state.DecryptAndHash(k, message.EncryptedStatic, initiatorStatic))
            {
                return Refused(HandshakeStatus.DecryptFailed, "Hello whose static key does not decrypt", observedAddress);
            }

            var endpoint = _registry.FindByPublicKey(initiatorStatic);
            if (endpoint is null)
            {
                return Refused(HandshakeStatus.UnknownEndpoint, $"Hello from an unregistered key {Convert.ToBase64String(initiatorStatic)}", observedAddress);
            }

            state.MixKey(StaticStatic(endpoint.PublicKey), k);
            if (!state.DecryptAndHash(k, message.EncryptedTimestamp, timestampBytes) || !Tai64N.TryRead(timestampBytes, out var timestamp, out _))
            {
                return Refused(HandshakeStatus.DecryptFailed, $"Hello for endpoint {endpoint.Id} whose timestamp does not decrypt", observedAddress);
            }

            // From here the sender proved it holds the endpoint's private key.
            if (topicEndpointId is not null && !string.Equals(topicEndpointId, endpoint.Id, StringComparison.Ordinal))
            {
                return Refused(HandshakeStatus.EndpointMismatch, $"key of endpoint {endpoint.Id} presented on the topic of {topicEndpointId}", observedAddress, endpoint);
            }

            if (endpoint.Revoked)
            {
                return Refused(HandshakeStatus.Revoked, $"endpoint {endpoint.Id} is revoked", observedAddress, endpoint);
            }

            if (observedAddress is not null && !endpoint.Binding.Contains(observedAddress))
            {
                return Refused(HandshakeStatus.AddressOutsideBinding, $"endpoint {endpoint.Id} presented a key bound to {endpoint.Binding} from {observedAddress}", observedAddress, endpoint);
            }

            if (_options.MaxClockSkew is { } skew && (timestamp.ToDateTimeOffset() - _time.GetUtcNow()).Duration() > skew)
            {
                return Refused(HandshakeStatus.ClockSkew, $"endpoint {endpoint.Id} sent a Hello stamped {timestamp.ToDateTimeOffset():O}, more than {skew} from the controller clock", observedAddress, endpoint);
            }

            if (sessionDestination.Length < SessionMessage.Size)
            {
                return Refused(HandshakeStatus.DestinationTooSmall, "Session destination too small", observedAddress, endpoint);
            }

            var peer = _peers.GetOrAdd(endpoint.Id, static _ => new PeerState());
            IPAddress? previousAddress;
            lock (peer)
            {
                // Handshake replay: a timestamp not newer than the last accepted one (WireGuard section 5.1).
                if (peer.HasTimestamp && timestamp <= peer.LastTimestamp)
                {
                    return Refused(HandshakeStatus.Replayed, $"endpoint {endpoint.Id} replayed a Hello stamped {timestamp.ToDateTimeOffset():O}", observedAddress, endpoint);
                }

                peer.LastTimestamp = timestamp;
                peer.HasTimestamp = true;
                previousAddress = peer.LastAddress;
                if (observedAddress is not null)
                {
                    peer.LastAddress = observedAddress;
                }
            }

            var keys = WriteSession(state, message, endpoint, sessionDestination);
            if (keys is null)
            {
                return Refused(HandshakeStatus.DecryptFailed, $"Hello for endpoint {endpoint.Id} with an unusable ephemeral key", observedAddress, endpoint);
            }

            var moved = observedAddress is not null && previousAddress is not null && !previousAddress.Equals(observedAddress);
            return new HelloResult(
                moved ? HandshakeStatus.AcceptedNewAddress : HandshakeStatus.Accepted,
                moved
                    ? $"endpoint {endpoint.Id} moved from {previousAddress} to {observedAddress} inside its binding {endpoint.Binding}"
                    : $"endpoint {endpoint.Id} connected from {Show(observedAddress)}")
            {
                Endpoint = endpoint,
                ObservedAddress = observedAddress,
                PreviousAddress = previousAddress,
                Keys = keys,
                SessionLength = SessionMessage.Size,
            };
        }
        finally
        {
            state.Clear();
            CryptographicOperations.ZeroMemory(k);
            CryptographicOperations.ZeroMemory(dh);
        }
    }

    /// <summary>Seeds the last accepted timestamp of an endpoint (e.g. from storage after a restart).</summary>
    public void SeedLastTimestamp(string endpointId, Tai64N timestamp)
    {
        var peer = _peers.GetOrAdd(endpointId, static _ => new PeerState());
        lock (peer)
        {
            if (!peer.HasTimestamp || timestamp > peer.LastTimestamp)
            {
                peer.LastTimestamp = timestamp;
                peer.HasTimestamp = true;
            }
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"ControllerHandshake(public {_static.PublicKey})";

    /// <inheritdoc />
    public void Dispose()
    {
        _staticKey.Dispose();
        foreach (var secret in _staticStatic.Values)
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    private SessionKeys? WriteSession(NoiseState state, HelloMessage hello, EndpointRegistration endpoint, Span<byte> destination)
    {
        Span<byte> ephemeralPrivate = stackalloc byte[X25519Dh.KeySize];
        _random.Fill(ephemeralPrivate);
        Span<byte> indexBytes = stackalloc byte[4];
        _random.Fill(indexBytes);
        var senderIndex = BinaryPrimitives.ReadUInt32BigEndian(indexBytes);
        using var ephemeral = X25519Dh.ImportPrivate(ephemeralPrivate);
        CryptographicOperations.ZeroMemory(ephemeralPrivate);

        var message = destination[..SessionMessage.Size];
        message.Clear();
        message[0] = (byte)Control.ControlMessageType.Session;
        message[1] = ProtocolVersion.Current;
        BinaryPrimitives.WriteUInt32BigEndian(message[4..], senderIndex);
        BinaryPrimitives.WriteUInt32BigEndian(message[8..], hello.SenderIndex);

        Span<byte> k = stackalloc byte[Aead.KeySize];
        Span<byte> dh = stackalloc byte[X25519Dh.KeySize];
        try
        {
            // <- e
            var ephemeralPublic = message.Slice(SessionMessage.EphemeralOffset, X25519Dh.KeySize);
            X25519Dh.WritePublic(ephemeral, ephemeralPublic);
            state.MixHash(ephemeralPublic);

            // ee
            if (!X25519Dh.TryAgree(ephemeral, hello.Ephemeral, dh))
            {
                message.Clear();
                return null;
            }

            state.MixKey(dh, k);

            // se
            if (!X25519Dh.TryAgree(ephemeral, endpoint.PublicKey.Span, dh))
            {
                message.Clear();
                return null;
            }

            state.MixKey(dh, k);
            state.EncryptAndHash(k, [], message.Slice(SessionMessage.EmptyOffset, Aead.TagSize));

            Span<byte> macKey = stackalloc byte[Mac.KeySize];
            Mac.DeriveMac1Key(endpoint.PublicKey.Span, macKey);
            Mac.Compute(macKey, message[..SessionMessage.Mac1Offset], message.Slice(SessionMessage.Mac1Offset, Mac.TagSize));

            var initiatorToResponder = new byte[Aead.KeySize];
            var responderToInitiator = new byte[Aead.KeySize];
            var media = new byte[Mac.KeySize];
            state.Split(initiatorToResponder, responderToInitiator, media);
            return new SessionKeys(senderIndex, hello.SenderIndex, responderToInitiator, initiatorToResponder, media);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(k);
            CryptographicOperations.ZeroMemory(dh);
        }
    }

    private byte[] StaticStatic(X25519PublicKey endpointKey) =>
        _staticStatic.GetOrAdd(endpointKey, key =>
        {
            var secret = new byte[X25519Dh.KeySize];
            // A registered key that is a low-order point yields zeros here and the timestamp then fails to decrypt.
            X25519Dh.TryAgree(_staticKey, key.Span, secret);
            return secret;
        });

    private static HelloResult Refused(HandshakeStatus status, string message, IPAddress? observed, EndpointRegistration? endpoint = null) =>
        new(status, message) { ObservedAddress = observed, Endpoint = endpoint };

    private static string Show(IPAddress? address) => address?.ToString() ?? "an unknown address";

    private sealed class PeerState
    {
        public Tai64N LastTimestamp { get; set; }

        public bool HasTimestamp { get; set; }

        public IPAddress? LastAddress { get; set; }
    }
}
