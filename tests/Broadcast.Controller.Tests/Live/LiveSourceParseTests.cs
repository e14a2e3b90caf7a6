using Broadcast.Audio.Ingest;
using Broadcast.Tests.Common;

namespace Broadcast.Controller.Tests.Live;

/// <summary>What an operator may name as a live source, and what reaches logs and the API of it.</summary>
public sealed class LiveSourceParseTests
{
    [Theory]
    [InlineData("http://studio.local:8000/district", LiveSourceKind.Http)]
    [InlineData("https://radio.example.vn/live.m3u8", LiveSourceKind.Http)]
    [InlineData("rtp://127.0.0.1:5008", LiveSourceKind.Rtp)]
    [InlineData("udp://239.1.1.1:1234", LiveSourceKind.Udp)]
    [InlineData("alsa:hw:1,0", LiveSourceKind.Alsa)]
    [InlineData("alsa:plughw:CARD=USB,DEV=0", LiveSourceKind.Alsa)]
    [InlineData("pulse:default", LiveSourceKind.Pulse)]
    public void TryParse_OperatorInputs_Accepted(string text, LiveSourceKind kind)
    {
        Assert.True(LiveSource.TryParse(text, out var source, out var error), error);
        Assert.Equal(kind, source!.Kind);
    }

    [Fact]
    public void TryParse_UrlWithPassword_DisplayAndToStringWithoutIt()
    {
        Assert.True(LiveSource.TryParse("http://relay:s3cret@studio.local:8000/district", out var source, out _));

        Assert.Equal("http://relay:s3cret@studio.local:8000/district", source!.Input);
        Assert.Equal("http://studio.local:8000/district", source.Display);
        Assert.DoesNotContain("s3cret", source.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("news.mp3", "bcast play")]
    [InlineData("/srv/programmes/news.wav", "bcast play")]
    [InlineData("file:///etc/passwd", "bcast play")]
    [InlineData("ftp://host/stream.mp3", "ftp: is not a live source protocol")]
    [InlineData("rtp://127.0.0.1", "a host and a port")]
    [InlineData("alsa:hw:1;rm -rf /", "device name")]
    [InlineData("", "no live source given")]
    public void TryParse_NotALiveSource_RefusedWithWhatIsAccepted(string text, string expected)
    {
        Assert.False(LiveSource.TryParse(text, out var source, out var error));
        Assert.Null(source);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_RefusedUrlWithPassword_ErrorWithoutIt()
    {
        Assert.False(LiveSource.TryParse("ftp://relay:s3cret@host/stream", out _, out var error));
        Assert.DoesNotContain("s3cret", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_SdpFile_MustExist()
    {
        using var dir = new TempDirectory();
        var sdp = dir.File("district.sdp");
        Assert.False(LiveSource.TryParse(sdp, out _, out var error));
        Assert.Contains("SDP file not found", error, StringComparison.Ordinal);

        File.WriteAllText(sdp, "v=0\n");
        Assert.True(LiveSource.TryParse(sdp, out var source, out _));
        Assert.Equal(LiveSourceKind.Sdp, source!.Kind);
        Assert.Equal(Path.GetFullPath(sdp), source.Input);
    }
}
