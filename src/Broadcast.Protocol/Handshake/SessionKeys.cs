using System.Security.Cryptography;
using Broadcast.Protocol.Control;
using Broadcast.Protocol.Media;

namespace Broadcast.Protocol.Handshake;

/// <summary>
/// Result of a handshake, for one side: the two transport keys (sending and receiving are distinct) and
/// the media-auth key, with the session indexes. Secrets never appear in <see cref="ToString"/>;
/// <see cref="Dispose"/> wipes them.
/// </summary>
public sealed class SessionKeys : IDisposable
{
    private readonly byte[] _sendKey;
    private readonly byte[] _receiveKey;
    private readonly byte[] _mediaAuthKey;

    internal SessionKeys(uint localIndex, uint remoteIndex, byte[] sendKey, byte[] receiveKey, byte[] mediaAuthKey)
    {
        LocalIndex = localIndex;
        RemoteIndex = remoteIndex;
        _sendKey = sendKey;
        _receiveKey = receiveKey;
        _mediaAuthKey = mediaAuthKey;
    }

    /// <summary>Index we chose; the peer puts it in envelopes sent to us.</summary>
    public uint LocalIndex { get; }

    /// <summary>Index the peer chose; we put it in envelopes sent to the peer.</summary>
    public uint RemoteIndex { get; }

    internal ReadOnlySpan<byte> SendKey => _sendKey;

    internal ReadOnlySpan<byte> ReceiveKey => _receiveKey;

    internal ReadOnlySpan<byte> MediaAuthKey => _mediaAuthKey;

    /// <summary>Sealed control channel for this session (ChannelKey, commands, status ...).</summary>
    public ControlChannel CreateControlChannel() => new(this);

    /// <summary>Origin tagger (controller) or checker (endpoint) for media of any channel this session receives.</summary>
    public OriginAuthenticator CreateOriginAuthenticator() => new(_mediaAuthKey);

    /// <inheritdoc />
    public override string ToString() => $"SessionKeys(local {LocalIndex:x8}, remote {RemoteIndex:x8}, keys redacted)";

    /// <inheritdoc />
    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_sendKey);
        CryptographicOperations.ZeroMemory(_receiveKey);
        CryptographicOperations.ZeroMemory(_mediaAuthKey);
    }
}
