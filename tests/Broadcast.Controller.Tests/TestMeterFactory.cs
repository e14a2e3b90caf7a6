using System.Diagnostics.Metrics;
using Broadcast.Controller.Metrics;

namespace Broadcast.Controller.Tests;

/// <summary>Meters for one test, disposed with it (no host, no DI container).</summary>
internal sealed class TestMeterFactory : IMeterFactory
{
    private readonly List<Meter> _meters = [];

    public static BroadcastMetrics Metrics(out TestMeterFactory factory)
    {
        factory = new TestMeterFactory();
        return new BroadcastMetrics(factory);
    }

    public Meter Create(MeterOptions options)
    {
        var meter = new Meter(options);
        _meters.Add(meter);
        return meter;
    }

    public void Dispose()
    {
        foreach (var meter in _meters)
        {
            meter.Dispose();
        }
    }
}
