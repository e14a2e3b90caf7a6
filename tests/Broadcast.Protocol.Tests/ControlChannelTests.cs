using Broadcast.Protocol.Control;

namespace Broadcast.Protocol.Tests;

public sealed class ControlChannelTests : IDisposable
{
    private readonly TestNetwork _net = new();

    public void Dispose() => _net.Dispose();

    [Fact]
    public void SealOpen_BothDirections_RoundTrip()
    {
        var (controllerKeys, endpointKeys) = _net.Connect(_net.AddEndpoint("BX-TT-01", "10.0.0.1"), "10.0.0.1");
        using var controller = controllerKeys.CreateControlChannel();
        using var endpoint = endpointKeys.CreateControlChannel();
        var plain = new byte[24];
        Assert.True(new CommandMessage(1, CommandKind.Play, 2, 80, 7, 0).TryWrite(plain, out _));
        var envelope = new byte[ControlChannel.MaxEnvelopeSize];
        var opened = new byte[ControlChannel.MaxPlaintextSize];

        Assert.True(controller.TrySeal(plain, envelope, out var n));
        Assert.Equal(ControlOpenStatus.Ok, endpoint.TryOpen(envelope.AsSpan(0, n), opened, out var m));
        Assert.Equal(plain, opened[..m]);

        Assert.True(endpoint.TrySeal(plain, envelope, out n));
        Assert.Equal(ControlOpenStatus.Ok, controller.TryOpen(envelope.AsSpan(0, n), opened, out m));
        Assert.Equal(plain, opened[..m]);
    }

    [Fact]
    public void TryOpen_OwnEnvelopeReflected_Rejected()
    {
        var (controllerKeys, _) = _net.Connect(_net.AddEndpoint("BX-TT-01", "10.0.0.1"), "10.0.0.1");
        using var controller = controllerKeys.CreateControlChannel();
        var envelope = new byte[100];
        Assert.True(controller.TrySeal(new byte[10], envelope, out var n));

        Assert.NotEqual(ControlOpenStatus.Ok, controller.TryOpen(envelope.AsSpan(0, n), new byte[100], out _));
    }

    [Fact]
    public void TryOpen_EachByteFlippedAndReplayed_NoneAccepted()
    {
        var (controllerKeys, endpointKeys) = _net.Connect(_net.AddEndpoint("BX-TT-01", "10.0.0.1"), "10.0.0.1");
        using var controller = controllerKeys.CreateControlChannel();
        using var endpoint = endpointKeys.CreateControlChannel();
        var envelope = new byte[200];
        Assert.True(controller.TrySeal(new byte[48], envelope, out var n));
        var valid = envelope[..n];
        var opened = new byte[200];
        var accepted = 0;
        for (var i = 0; i < valid.Length; i++)
        {
            foreach (var mask in new byte[] { 0x01, 0x80 })
            {
                var bad = (byte[])valid.Clone();
                bad[i] ^= mask;
                accepted += endpoint.TryOpen(bad, opened, out _) == ControlOpenStatus.Ok ? 1 : 0;
            }
        }

        Assert.Equal(0, accepted);
        Assert.Equal(ControlOpenStatus.Ok, endpoint.TryOpen(valid, opened, out _));
        Assert.Equal(ControlOpenStatus.Replayed, endpoint.TryOpen(valid, opened, out _));
    }

    [Fact]
    public void TryOpen_OtherSessionsEnvelope_Rejected()
    {
        var (c1, _) = _net.Connect(_net.AddEndpoint("BX-TT-01", "10.0.0.1"), "10.0.0.1");
        var (_, e2) = _net.Connect(_net.AddEndpoint("BX-TT-02", "10.0.0.2"), "10.0.0.2");
        using var controllerToFirst = c1.CreateControlChannel();
        using var second = e2.CreateControlChannel();
        var envelope = new byte[100];
        Assert.True(controllerToFirst.TrySeal(new byte[10], envelope, out var n));

        Assert.NotEqual(ControlOpenStatus.Ok, second.TryOpen(envelope.AsSpan(0, n), new byte[100], out _));
    }
}
