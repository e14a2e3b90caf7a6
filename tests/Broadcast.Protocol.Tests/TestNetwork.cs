using System.Net;
using Broadcast.Protocol.Handshake;
using Broadcast.Protocol.Identity;
using Microsoft.Extensions.Time.Testing;

namespace Broadcast.Protocol.Tests;

/// <summary>A controller with a registry and any number of endpoints, on a fake clock.</summary>
public sealed class TestNetwork : IDisposable
{
    private readonly List<IDisposable> _owned = [];
    private int _seed = 100;

    public TestNetwork()
    {
        Controller = StaticKeyPair.Generate(new SeededRandom(1));
        Responder = new ControllerHandshake(Controller, Registry, Time, new SeededRandom(2));
        _owned.Add(Responder);
        _owned.Add(Controller);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public StaticKeyPair Controller { get; }

    public InMemoryEndpointRegistry Registry { get; } = new();

    public ControllerHandshake Responder { get; }

    public TestEndpoint AddEndpoint(string id, string binding)
    {
        var key = StaticKeyPair.Generate(new SeededRandom(_seed++));
        Registry.Upsert(new EndpointRegistration(id, "Trịnh Tường", "Na Lốc", key.PublicKey, IpBinding.Parse(binding)));
        var initiator = new EndpointHandshake(key, Controller.PublicKey, Time, new SeededRandom(_seed++));
        var endpoint = new TestEndpoint(id, key, initiator);
        _owned.Add(endpoint);
        return endpoint;
    }

    /// <summary>Runs a full handshake; asserts acceptance.</summary>
    public (SessionKeys Controller, SessionKeys Endpoint) Connect(TestEndpoint endpoint, string address)
    {
        var hello = new byte[HelloMessage.Size];
        Assert.True(endpoint.Initiator.TryWriteHello(hello, out _));
        var session = new byte[SessionMessage.Size];
        var result = Responder.ConsumeHello(hello, endpoint.Id, IPAddress.Parse(address), session);
        Assert.True(result.IsAccepted, result.Message);
        Assert.Equal(HandshakeStatus.Accepted, endpoint.Initiator.ConsumeSession(session, out var keys));
        _owned.Add(result.Keys!);
        _owned.Add(keys!);
        Time.Advance(TimeSpan.FromSeconds(1));
        return (result.Keys!, keys!);
    }

    public void Dispose()
    {
        foreach (var item in _owned)
        {
            item.Dispose();
        }
    }
}

public sealed class TestEndpoint(string id, StaticKeyPair key, EndpointHandshake initiator) : IDisposable
{
    public string Id { get; } = id;

    public StaticKeyPair Key { get; } = key;

    public EndpointHandshake Initiator { get; } = initiator;

    public void Dispose()
    {
        Initiator.Dispose();
        Key.Dispose();
    }
}
