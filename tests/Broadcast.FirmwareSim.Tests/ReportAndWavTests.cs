using System.Buffers.Binary;
using System.Text.Json;
using Broadcast.FirmwareSim.Recording;
using Broadcast.FirmwareSim.Report;
using Broadcast.Tests.Common;

namespace Broadcast.FirmwareSim.Tests;

public sealed class ReportAndWavTests
{
    private static ClusterReport Entry(string id, long received, long lost, long auth, double skew) => new()
    {
        Id = id,
        Commune = "c",
        Hamlet = "h",
        HandshakeOk = true,
        PacketsReceived = received,
        PacketsLost = lost,
        PacketsRejected = new RejectReport(auth, 1, 2, 0),
        PlayedMs = received * 20,
        ConcealedMs = lost * 20,
        SkewMs = skew,
    };

    [Fact]
    public void ToJson_TwoClusters_HasCamelCaseFieldsAndTotals()
    {
        var clusters = new[] { Entry("A", 100, 5, 3, 1.5), Entry("B", 50, 0, 0, -0.5) };
        var report = new SimReport { District = "bat-xat", Clusters = clusters, Totals = ReportTotals.From(clusters) };
        using var json = JsonDocument.Parse(report.ToJson());
        var root = json.RootElement;
        var first = root.GetProperty("clusters")[0];
        foreach (var name in new[] { "id", "commune", "hamlet", "attacker", "handshakeOk", "packetsReceived", "packetsLost", "playedMs", "concealedMs", "underruns", "skewMs", "playedFromAttackerMs", "outages", "outageWindows", "longestGapMs", "handshakes" })
        {
            Assert.True(first.TryGetProperty(name, out _), $"missing {name}");
        }

        Assert.Equal(3, first.GetProperty("packetsRejected").GetProperty("auth").GetInt64());
        var totals = root.GetProperty("totals");
        Assert.Equal(150, totals.GetProperty("packetsReceived").GetInt64());
        Assert.Equal(5, totals.GetProperty("packetsLost").GetInt64());
        Assert.Equal(4, totals.GetProperty("packetsRejected").GetProperty("late").GetInt64());
        Assert.Equal(2.0, totals.GetProperty("skewSpreadMs").GetDouble(), 6);
    }

    [Fact]
    public void ToJson_OutageWindows_WrittenAsMsAndReadBack()
    {
        var clusters = new[]
        {
            Entry("A", 100, 5, 0, 0) with { Outages = 2, OutageWindows = [new OutageWindow(2000, 12000, 12480), new OutageWindow(30000, 31500, null)], LongestGapMs = 10000 },
            Entry("B", 50, 0, 0, 0) with { LongestGapMs = 20 },
        };
        var report = new SimReport { District = "bat-xat", Clusters = clusters, Totals = ReportTotals.From(clusters) };
        var text = report.ToJson();
        using var json = JsonDocument.Parse(text);
        var windows = json.RootElement.GetProperty("clusters")[0].GetProperty("outageWindows");
        Assert.Equal(2, windows.GetArrayLength());
        Assert.Equal(2000, windows[0].GetProperty("startMs").GetInt64());
        Assert.Equal(12000, windows[0].GetProperty("endMs").GetInt64());
        Assert.Equal(12480, windows[0].GetProperty("resumedMs").GetInt64());
        Assert.False(windows[1].TryGetProperty("resumedMs", out _)); // not played again before the run ended
        Assert.Equal(10000, json.RootElement.GetProperty("totals").GetProperty("longestGapMs").GetInt64());
        Assert.Equal(2, json.RootElement.GetProperty("totals").GetProperty("outages").GetInt64());

        var back = SimReport.FromJson(text)!;
        Assert.Equal(clusters[0].OutageWindows, back.Clusters[0].OutageWindows);
    }

    [Fact]
    public void WavWriter_Samples_ReadBackByIndependentParser()
    {
        using var dir = new TempDirectory();
        var path = dir.File("x.wav");
        short[] samples = [0, 1, -1, short.MaxValue, short.MinValue, 1234];
        WavWriter.Write(path, samples);
        var bytes = File.ReadAllBytes(path);
        Assert.Equal("RIFF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
        Assert.Equal(bytes.Length - 8, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(4)));
        Assert.Equal(1, BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(20)));
        Assert.Equal(1, BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(22)));
        Assert.Equal(48000, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(24)));
        Assert.Equal(16, BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(34)));
        Assert.Equal(samples.Length * 2, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(40)));
        for (var i = 0; i < samples.Length; i++)
        {
            Assert.Equal(samples[i], BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(44 + (2 * i))));
        }
    }

    [Fact]
    public void Recorder_SilenceThenAudio_KeepsTimelineAndGain()
    {
        var recorder = new Recorder();
        recorder.AppendSilence(50_000);
        recorder.Append([0.5f, -0.5f], 0.5f);
        var pcm = recorder.ToPcm16();
        Assert.Equal(50_002, pcm.Length);
        Assert.Equal(0, pcm[49_999]);
        Assert.Equal(8192, pcm[50_000]);
        Assert.Equal(-8192, pcm[50_001]);
    }
}
