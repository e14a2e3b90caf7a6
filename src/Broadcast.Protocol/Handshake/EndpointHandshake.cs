using System.Buffers.Binary;
using System.Security.Cryptography;
using Broadcast.Protocol.Crypto;
using Broadcast.Protocol.Identity;

namespace Broadcast.Protocol.Handshake;

/// <summary>
/// Initiator (endpoint) side of the Noise IK handshake: <see cref="TryWriteHello"/> then
/// <see cref="ConsumeSession"/>. One instance per endpoint; each Hello starts a new attempt and forgets the
/// previous one. Timestamps are strictly increasing per instance even if the clock stalls or steps back.
/// </summary>
public sealed class EndpointHandshake : IDisposable
{
    private readonly StaticKeyPair _static;
    private readonly byte[] _controllerStatic;
    private readonly byte[] _staticStatic = new byte[X25519Dh.KeySize];
    private readonly X25519Secret _staticKey;
    private readonly TimeProvider _time;
    private readonly IRandomSource _random;
    private Tai64N _lastTimestamp;
    private Pending? _pending;

    /// <summary>Creates the initiator for an endpoint with its key pair and the pinned controller public key.</summary>
    public EndpointHandshake(StaticKeyPair endpointKey, X25519PublicKey controllerPublicKey, TimeProvider time, IRandomSource? random = null)
    {
        ArgumentNullException.ThrowIfNull(endpointKey);
        ArgumentNullException.ThrowIfNull(controllerPublicKey);
        ArgumentNullException.ThrowIfNull(time);
        _static = endpointKey;
        _controllerStatic = controllerPublicKey.Span.ToArray();
        _time = time;
        _random = random ?? SystemRandomSource.Instance;
        // ss never changes between handshakes: computed once (WireGuard precomputes it the same way).
        _staticKey = X25519Dh.ImportPrivate(endpointKey.PrivateKey);
        if (!X25519Dh.TryAgree(_staticKey, _controllerStatic, _staticStatic))
        {
            _staticKey.Dispose();
            throw new ArgumentException("The controller public key is not a usable X25519 key.", nameof(controllerPublicKey));
        }
    }

    /// <summary>Writes a fresh Hello (132 bytes) for the topic bcast/{district}/ep/{id}/hello.</summary>
    public bool TryWriteHello(Span<byte> destination, out int written)
    {
        written = 0;
        if (destination.Length < HelloMessage.Size)
        {
            return false;
        }

        _pending?.Dispose();
        _pending = null;

        Span<byte> ephemeralPrivate = stackalloc byte[X25519Dh.KeySize];
        _random.Fill(ephemeralPrivate);
        Span<byte> indexBytes = stackalloc byte[4];
        _random.Fill(indexBytes);
        var senderIndex = BinaryPrimitives.ReadUInt32BigEndian(indexBytes);
        var ephemeral = X25519Dh.ImportPrivate(ephemeralPrivate);
        CryptographicOperations.ZeroMemory(ephemeralPrivate);

        var message = destination[..HelloMessage.Size];
        message.Clear();
        message[0] = (byte)Control.ControlMessageType.Hello;
        message[1] = ProtocolVersion.Current;
        BinaryPrimitives.WriteUInt32BigEndian(message[4..], senderIndex);

        var state = new NoiseState(_controllerStatic);
        Span<byte> k = stackalloc byte[Aead.KeySize];
        Span<byte> dh = stackalloc byte[X25519Dh.KeySize];
        try
        {
            // -> e
            var ephemeralPublic = message.Slice(HelloMessage.EphemeralOffset, X25519Dh.KeySize);
            X25519Dh.WritePublic(ephemeral, ephemeralPublic);
            state.MixHash(ephemeralPublic);

            // es
            if (!X25519Dh.TryAgree(ephemeral, _controllerStatic, dh))
            {
                ephemeral.Dispose();
                return false;
            }

            state.MixKey(dh, k);

            // s
            state.EncryptAndHash(k, _static.PublicKey.Span, message.Slice(HelloMessage.StaticOffset, HelloMessage.EncryptedStaticSize));

            // ss
            state.MixKey(_staticStatic, k);

            // payload: TAI64N timestamp, strictly increasing for this endpoint.
            var now = Tai64N.FromDateTimeOffset(_time.GetUtcNow());
            var timestamp = now > _lastTimestamp ? now : _lastTimestamp.Next();
            _lastTimestamp = timestamp;
            Span<byte> plainTimestamp = stackalloc byte[Tai64N.Size];
            timestamp.TryWrite(plainTimestamp, out _);
            state.EncryptAndHash(k, plainTimestamp, message.Slice(HelloMessage.TimestampOffset, HelloMessage.EncryptedTimestampSize));

            Span<byte> macKey = stackalloc byte[Mac.KeySize];
            Mac.DeriveMac1Key(_controllerStatic, macKey);
            Mac.Compute(macKey, message[..HelloMessage.Mac1Offset], message.Slice(HelloMessage.Mac1Offset, Mac.TagSize));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(k);
            CryptographicOperations.ZeroMemory(dh);
        }

        _pending = new Pending(state, ephemeral, senderIndex);
        written = HelloMessage.Size;
        return true;
    }

    /// <summary>Processes the controller's Session reply; on success returns the endpoint's session keys.</summary>
    public HandshakeStatus ConsumeSession(ReadOnlySpan<byte> message, out SessionKeys? keys)
    {
        keys = null;
        if (!SessionMessage.TryRead(message, out var session, out _) || session is null)
        {
            return HandshakeStatus.Malformed;
        }

        var pending = _pending;
        if (pending is null || session.ReceiverIndex != pending.SenderIndex)
        {
            return HandshakeStatus.UnexpectedIndex;
        }

        Span<byte> macKey = stackalloc byte[Mac.KeySize];
        Mac.DeriveMac1Key(_static.PublicKey.Span, macKey);
        if (!Mac.Verify(macKey, message[..SessionMessage.Mac1Offset], session.Mac1))
        {
            return HandshakeStatus.BadMac;
        }

        // Work on a copy so that a forged reply cannot spoil the pending state for the genuine one.
        var state = pending.State.Clone();
        Span<byte> k = stackalloc byte[Aead.KeySize];
        Span<byte> dh = stackalloc byte[X25519Dh.KeySize];
        try
        {
            // <- e
            state.MixHash(session.Ephemeral);

            // ee
            if (!X25519Dh.TryAgree(pending.Ephemeral, session.Ephemeral, dh))
            {
                return HandshakeStatus.DecryptFailed;
            }

            state.MixKey(dh, k);

            // se (responder's ephemeral with our static)
            if (!X25519Dh.TryAgree(_staticKey, session.Ephemeral, dh))
            {
                return HandshakeStatus.DecryptFailed;
            }

            state.MixKey(dh, k);
            if (!state.DecryptAndHash(k, session.EncryptedEmpty, []))
            {
                return HandshakeStatus.DecryptFailed;
            }

            var send = new byte[Aead.KeySize];
            var receive = new byte[Aead.KeySize];
            var media = new byte[Mac.KeySize];
            state.Split(send, receive, media);
            keys = new SessionKeys(pending.SenderIndex, session.SenderIndex, send, receive, media);
            _pending = null;
            pending.Dispose();
            return HandshakeStatus.Accepted;
        }
        finally
        {
            state.Clear();
            CryptographicOperations.ZeroMemory(k);
            CryptographicOperations.ZeroMemory(dh);
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"EndpointHandshake(public {_static.PublicKey})";

    /// <inheritdoc />
    public void Dispose()
    {
        _pending?.Dispose();
        _pending = null;
        _staticKey.Dispose();
        CryptographicOperations.ZeroMemory(_staticStatic);
    }

    private sealed class Pending(NoiseState state, X25519Secret ephemeral, uint senderIndex) : IDisposable
    {
        public NoiseState State { get; } = state;

        public X25519Secret Ephemeral { get; } = ephemeral;

        public uint SenderIndex { get; } = senderIndex;

        public void Dispose()
        {
            State.Clear();
            Ephemeral.Dispose();
        }
    }
}
