using Broadcast.Audio.Codec;
using Broadcast.Audio.Ogg;
using Broadcast.Controller.Streaming;
using Broadcast.Tests.Common;

namespace Broadcast.Controller.Tests.Streaming;

/// <summary>A recorded programme under pause and resume: channel frames run on, the programme position does not.</summary>
public sealed class RecordedFrameSourceTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly OpusProgramme _programme;
    private readonly byte[] _buffer = new byte[1400];

    public RecordedFrameSourceTests()
    {
        var path = _dir.File("one-second.opus");
        using (var stream = File.Create(path))
        {
            OggOpusFile.Encode(stream, Signals.SpeechLikeNoise(1.0), new OpusEncoderSettings());
        }

        _programme = OpusProgramme.Load(path);
    }

    [Fact]
    public void Read_FromStart_ProgrammeFramesInOrderThenEnd()
    {
        using var source = new RecordedFrameSource(_programme);

        var count = _programme.FrameCount;
        Assert.InRange(count, 50, 51); // 1 s, plus the encoder's pre-skip rounded up to a frame
        Assert.Equal(count, source.FrameCount);
        for (var n = 0; n < count; n++)
        {
            Assert.Equal(FrameRead.Frame, source.Read(n, _buffer, out var length));
            Assert.Equal(_programme.Frame(n).ToArray(), _buffer[..length]);
        }

        Assert.Equal(FrameRead.End, source.Read(count, _buffer, out _));
    }

    [Fact]
    public void PauseThenResume_CarriesOnFromTheFrameHeardAtThePause()
    {
        using var source = new RecordedFrameSource(_programme);

        // Frames 0..29 sent; the speakers, a playout delay behind, are at frame 20 when the operator pauses.
        source.OnPause(heardFrame: 20);
        Assert.Equal(20, source.ProgrammeFrameAt(1000));

        // The channel clock ran on while paused: sending resumes at channel frame 500.
        source.OnResume(firstFrame: 500);

        Assert.Equal(FrameRead.Frame, source.Read(500, _buffer, out var length));
        Assert.Equal(_programme.Frame(20).ToArray(), _buffer[..length]);
        Assert.Equal(25, source.ProgrammeFrameAt(505));
        var last = 500 + _programme.FrameCount - 20 - 1;
        Assert.Equal(FrameRead.Frame, source.Read(last, _buffer, out length));
        Assert.Equal(_programme.Frame(_programme.FrameCount - 1).ToArray(), _buffer[..length]);
        Assert.Equal(FrameRead.End, source.Read(last + 1, _buffer, out _));
    }

    [Fact]
    public void Pause_SoonAfterAResume_NeverReplaysAudioBeforeTheResumePoint()
    {
        using var source = new RecordedFrameSource(_programme);
        source.OnPause(heardFrame: 20);
        source.OnResume(firstFrame: 500);

        // Paused again 100 ms after the resume: the speakers are still a playout delay behind, before frame 500.
        source.OnPause(heardFrame: 480);
        source.OnResume(firstFrame: 900);

        Assert.Equal(FrameRead.Frame, source.Read(900, _buffer, out var length));
        Assert.Equal(_programme.Frame(20).ToArray(), _buffer[..length]);
    }

    [Fact]
    public void Pause_BeforeTheFirstFrameWasHeard_ResumesFromTheStart()
    {
        using var source = new RecordedFrameSource(_programme);
        source.OnPause(heardFrame: -25);
        source.OnResume(firstFrame: 100);

        Assert.Equal(FrameRead.Starved, source.Read(99, _buffer, out _));
        Assert.Equal(FrameRead.Frame, source.Read(100, _buffer, out var length));
        Assert.Equal(_programme.Frame(0).ToArray(), _buffer[..length]);
    }

    public void Dispose() => _dir.Dispose();
}
