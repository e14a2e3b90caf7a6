using System.Net;
using Broadcast.Protocol.Lab;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Broadcast.Protocol.Tests;

public sealed class LabTests
{
    [Fact]
    public void SdpWriter_Unicast_ContainsOpusLines()
    {
        var sdp = SdpWriter.Write(IPAddress.Parse("127.0.0.1"), 5004, "Bat Xat lab", 7);

        Assert.Equal(
            "v=0\r\no=- 7 1 IN IP4 127.0.0.1\r\ns=Bat Xat lab\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 5004 RTP/AVP 111\r\n"
            + "a=rtpmap:111 opus/48000/2\r\na=fmtp:111 minptime=10;useinbandfec=1;stereo=0;sprop-stereo=0\r\na=ptime:20\r\na=recvonly\r\n",
            sdp);
    }

    [Fact]
    public void SdpWriter_MulticastAndIpv6_ConnectionLinesCorrect()
    {
        Assert.Contains("c=IN IP4 239.1.2.3/16\r\n", SdpWriter.Write(IPAddress.Parse("239.1.2.3"), 5004, "x", 1), StringComparison.Ordinal);
        Assert.Contains("c=IN IP6 ::1\r\n", SdpWriter.Write(IPAddress.IPv6Loopback, 5004, "x", 1), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, "Production", LabModeDecision.Off)]
    [InlineData(false, "Development", LabModeDecision.Off)]
    [InlineData(true, "Development", LabModeDecision.On)]
    [InlineData(true, "production", LabModeDecision.RefusedInProduction)]
    [InlineData(true, "Production", LabModeDecision.RefusedInProduction)]
    public void LabModePolicy_Evaluate_AsSpecified(bool requested, string environment, LabModeDecision expected) =>
        Assert.Equal(expected, LabModePolicy.Evaluate(requested, environment));

    [Fact]
    public void LabModeWarner_WhileOn_WarnsEveryMinute()
    {
        var time = new FakeTimeProvider();
        var logger = new CountingLogger();
        using (new LabModeWarner(logger, time))
        {
            time.Advance(TimeSpan.FromMinutes(3));
        }

        time.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(4, logger.Warnings);
    }

    private sealed class CountingLogger : ILogger
    {
        public int Warnings { get; private set; }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning)
            {
                Warnings++;
            }
        }
    }
}
