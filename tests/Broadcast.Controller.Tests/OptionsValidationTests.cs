using Broadcast.Controller.Hosting;
using Broadcast.Controller.Streaming.Live;

namespace Broadcast.Controller.Tests;

/// <summary>Bad live, volume and metrics settings stop the host with a message naming the key.</summary>
public sealed class OptionsValidationTests
{
    [Fact]
    public void Live_Defaults_Valid()
    {
        Assert.True(new LiveOptionsValidator().Validate(null, new LiveOptions()).Succeeded);
        Assert.True(new LiveOptionsOrderValidator().Validate(null, new LiveOptions()).Succeeded);
    }

    [Fact]
    public void Live_MaxBufferBelowTwoCushions_RefusedNamingBoth()
    {
        var result = new LiveOptionsOrderValidator().Validate(null, new LiveOptions { Cushion = TimeSpan.FromSeconds(1), MaxBuffer = TimeSpan.FromSeconds(1.5) });

        Assert.True(result.Failed);
        Assert.Contains("Live:MaxBuffer", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Live:Cushion", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Live_RetryMaxBelowInitial_Refused()
    {
        var result = new LiveOptionsOrderValidator().Validate(null, new LiveOptions { RetryInitial = TimeSpan.FromSeconds(5), RetryMax = TimeSpan.FromSeconds(2) });

        Assert.True(result.Failed);
        Assert.Contains("Live:RetryMax", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Live_StallTimeoutZero_RefusedNamingIt()
    {
        var result = new LiveOptionsValidator().Validate(null, new LiveOptions { StallTimeout = TimeSpan.Zero });

        Assert.True(result.Failed);
        Assert.Contains("StallTimeout", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(101, 80, "EmergencyVolume")]
    [InlineData(100, -1, "DefaultVolume")]
    public void Controller_VolumeOutOfRange_RefusedNamingIt(int emergency, int standard, string key)
    {
        var result = new ControllerOptionsValidator().Validate(null, new ControllerOptions { EmergencyVolume = emergency, DefaultVolume = standard });

        Assert.True(result.Failed);
        Assert.Contains(key, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Controller_MetricsLogIntervalZero_RefusedNamingIt()
    {
        var result = new ControllerOptionsValidator().Validate(null, new ControllerOptions { MetricsLogInterval = TimeSpan.Zero });

        Assert.True(result.Failed);
        Assert.Contains("MetricsLogInterval", result.FailureMessage, StringComparison.Ordinal);
    }
}
