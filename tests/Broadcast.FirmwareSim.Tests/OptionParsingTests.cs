using Broadcast.FirmwareSim.Cli;

namespace Broadcast.FirmwareSim.Tests;

public sealed class OptionParsingTests
{
    [Theory]
    [InlineData("--loss 150%", "--loss")]
    [InlineData("--loss-model gilbert:0.1", "--loss-model")]
    [InlineData("--latency fast", "--latency")]
    [InlineData("--outage 10s", "--outage")]
    [InlineData("--bandwidth lots", "--bandwidth")]
    [InlineData("--clusters 0", "--clusters")]
    [InlineData("--controller http://x", "--controller")]
    [InlineData("--rehandshake 500ms", "--rehandshake")]
    [InlineData("--rehandshake often", "--rehandshake")]
    [InlineData("--threads 0", "--threads")]
    [InlineData("--no-decode --record wavs", "--no-decode")]
    public void TryParse_BadValue_MessageNamesOption(string extra, string option)
    {
        var args = ("--generate-keys --controller-key k " + extra).Split(' ');
        Assert.False(SimulatorCommand.TryParse(args, out _, out var error));
        Assert.Contains(option, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_NoKeys_SaysHowToGetThem()
    {
        Assert.False(SimulatorCommand.TryParse(["--clusters", "3"], out _, out var error));
        Assert.Contains("--credentials", error, StringComparison.Ordinal);
        Assert.Contains("--generate-keys", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_FullLine_BuildsOptions()
    {
        var ok = SimulatorCommand.TryParse(
            ["--clusters", "20", "--seconds", "30", "--generate-keys", "--controller-key", "k", "--loss", "5%", "--jitter", "30ms", "--latency", "80ms", "--outage", "10s@40s/120s", "--controller-udp", "127.0.0.1:5004", "--dead-zone"],
            out var options,
            out var error);
        Assert.True(ok, error);
        Assert.Equal(20, options!.ClusterCount);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Duration);
        Assert.Equal(0.05, options.Impairment.Loss, 9);
        Assert.Equal(TimeSpan.FromMilliseconds(30), options.Impairment.Jitter);
        Assert.Single(options.Impairment.Outages);
        Assert.NotNull(options.DeadZoneImpairment);
        Assert.Equal(TimeSpan.FromSeconds(15), options.Heartbeat);
        Assert.Equal(TimeSpan.FromHours(2), options.RehandshakeInterval);
        Assert.True(options.Decode);
        Assert.Equal(Environment.ProcessorCount, options.Threads);
    }

    [Fact]
    public void TryParse_LoadTestOptions_NoDecodeAndThreads()
    {
        Assert.True(SimulatorCommand.TryParse(["--generate-keys", "--controller-key", "k", "--no-decode", "--threads", "3"], out var options, out var error), error);
        Assert.False(options!.Decode);
        Assert.Equal(3, options.Threads);
    }

    [Theory]
    [InlineData("90m", 90 * 60)]
    [InlineData("2h", 2 * 3600)]
    [InlineData("5s", 5)]
    public void TryParse_Rehandshake_SetsInterval(string text, int seconds)
    {
        Assert.True(SimulatorCommand.TryParse(["--generate-keys", "--controller-key", "k", "--rehandshake", text], out var options, out var error), error);
        Assert.Equal(TimeSpan.FromSeconds(seconds), options!.RehandshakeInterval);
    }
}
