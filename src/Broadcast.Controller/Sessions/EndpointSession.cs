using Broadcast.Protocol.Control;
using Broadcast.Protocol.Handshake;
using Broadcast.Protocol.Media;

namespace Broadcast.Controller.Sessions;

/// <summary>The keys of one accepted handshake. Replaced (and disposed) by the next handshake of the endpoint.</summary>
internal sealed class EndpointSession : IDisposable
{
    private readonly SessionKeys _keys;
    private readonly ControlChannel _control;
    private readonly Lock _gate = new();

    public EndpointSession(SessionKeys keys)
    {
        _keys = keys;
        _control = keys.CreateControlChannel();
        Origin = keys.CreateOriginAuthenticator();
    }

    /// <summary>Our index: the receiver index of every envelope the endpoint sends us.</summary>
    public uint LocalIndex => _control.LocalIndex;

    /// <summary>Writes this endpoint's origin tag on media (protocol section 8.2); MAC computation is stateless and thread-safe.</summary>
    public OriginAuthenticator Origin { get; }

    /// <summary>Seals one inner message; the channel's counter is not thread-safe, hence the lock.</summary>
    public byte[]? Seal(ReadOnlySpan<byte> inner)
    {
        var envelope = new byte[ControlChannel.EnvelopeSize(inner.Length)];
        lock (_gate)
        {
            return _control.TrySeal(inner, envelope, out _) ? envelope : null;
        }
    }

    /// <summary>Opens an envelope from the endpoint (MQTT or UDP: one counter space, one replay window).</summary>
    public ControlOpenStatus Open(ReadOnlySpan<byte> envelope, Span<byte> plaintext, out int written)
    {
        lock (_gate)
        {
            return _control.TryOpen(envelope, plaintext, out written);
        }
    }

    public void Dispose()
    {
        _control.Dispose();
        Origin.Dispose();
        _keys.Dispose();
    }
}
