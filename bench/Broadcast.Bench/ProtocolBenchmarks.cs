using System.Net;
using BenchmarkDotNet.Attributes;
using Broadcast.Protocol.Handshake;
using Broadcast.Protocol.Identity;
using Broadcast.Protocol.Media;
using Broadcast.Protocol.Rtp;

namespace Broadcast.Bench;

/// <summary>
/// Protocol figures of issue 3: handshakes completed per second (initiator Hello + responder consume + initiator
/// finish) and seal+tag / verify+open per second for 160-byte Opus payloads (one 20 ms frame at 64 kb/s).
/// </summary>
[MemoryDiagnoser]
public class ProtocolBenchmarks : IDisposable
{
    private const uint Channel = 7;
    private static readonly IPAddress Address = IPAddress.Parse("10.20.3.15");
    private readonly byte[] _hello = new byte[132];
    private readonly byte[] _session = new byte[76];
    private readonly byte[] _payload = new byte[160];
    private readonly byte[] _packet = new byte[SecureMediaLayout.MaxPacketSize];
    private readonly byte[] _output = new byte[SecureMediaLayout.MaxPacketSize];
    private StaticKeyPair _controller = null!;
    private StaticKeyPair _endpoint = null!;
    private ControllerHandshake _responder = null!;
    private EndpointHandshake _initiator = null!;
    private ChannelKeyRing _ring = null!;
    private MediaSealer _sealer = null!;
    private OriginAuthenticator _tagger = null!;
    private OriginAuthenticator _origin = null!;
    private byte[][] _wire = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _controller = StaticKeyPair.Generate();
        _endpoint = StaticKeyPair.Generate();
        var registry = new InMemoryEndpointRegistry();
        registry.Upsert(new EndpointRegistration("BX-TT-01", "Trịnh Tường", "Na Lốc", _endpoint.PublicKey, IpBinding.Parse("10.20.3.0/24")));
        _responder = new ControllerHandshake(_controller, registry, TimeProvider.System);
        _initiator = new EndpointHandshake(_endpoint, _controller.PublicKey, TimeProvider.System);
        _initiator.TryWriteHello(_hello, out _);
        var result = _responder.ConsumeHello(_hello, "BX-TT-01", Address, _session);
        _initiator.ConsumeSession(_session, out var endpointKeys);
        _tagger = result.Keys!.CreateOriginAuthenticator();
        _origin = endpointKeys!.CreateOriginAuthenticator();
        _ring = new ChannelKeyRing(Channel, TimeProvider.System);
        _sealer = new MediaSealer(Channel);
        _sealer.UseKey(_ring.Current);
        Random.Shared.NextBytes(_payload);
        _wire = new byte[1 << 20][];
        for (var i = 0; i < _wire.Length; i++)
        {
            var length = SealAndTag();
            _wire[i] = _packet.AsSpan(0, length).ToArray();
        }
    }

    /// <summary>One complete handshake: Hello, responder, Session processed by the endpoint.</summary>
    [Benchmark]
    public bool Handshake()
    {
        _initiator.TryWriteHello(_hello, out _);
        var result = _responder.ConsumeHello(_hello, "BX-TT-01", Address, _session);
        result.Keys?.Dispose();
        var status = _initiator.ConsumeSession(_session, out var keys);
        keys?.Dispose();
        return status == HandshakeStatus.Accepted;
    }

    /// <summary>Seal once under the channel key and add one endpoint's origin tag.</summary>
    [Benchmark]
    public int SealAndTag()
    {
        var header = new RtpHeader(false, OpusRtp.PayloadType, 1, 960, Channel);
        _sealer.TrySeal(header, _payload, _packet, out var sealedLength);
        _tagger.WriteTag(_packet.AsSpan(0, sealedLength), _packet.AsSpan(sealedLength, SecureMediaLayout.OriginTagSize));
        return sealedLength + SecureMediaLayout.OriginTagSize;
    }

    /// <summary>Verify origin, replay window and AEAD, then decrypt (a fresh receiver per 2^20 packets).</summary>
    [Benchmark]
    public MediaOpenStatus VerifyAndOpen()
    {
        if (_next == 0)
        {
            _receiver = new MediaReceiver(Channel, _origin);
            _receiver.InstallKey(_ring.Current);
        }

        var packet = _wire[_next];
        _next = (_next + 1) & (_wire.Length - 1);
        return _receiver!.TryOpen(packet, _output, out _, out _);
    }

    private MediaReceiver? _receiver;

    [GlobalCleanup]
    public void Dispose()
    {
        _tagger?.Dispose();
        _origin?.Dispose();
        _ring?.Dispose();
        _initiator?.Dispose();
        _responder?.Dispose();
        _controller?.Dispose();
        _endpoint?.Dispose();
        GC.SuppressFinalize(this);
    }
}
