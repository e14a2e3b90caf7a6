namespace Broadcast.Controller.Streaming;

/// <summary>
/// A recorded programme as a frame source. Channel frames follow the wall clock (the playout clock of protocol
/// section 11.2 never stops); the programme position follows them at a fixed offset that a pause and resume move,
/// so a resumed programme carries on from the frame the speakers were playing when it was paused.
/// </summary>
internal sealed class RecordedFrameSource(OpusProgramme programme) : IFrameSource
{
    // Channel frame minus programme frame; written by the manager while the pacer is paused, read by the pacer.
    private long _offset;
    private long _resumeFrame;
    private bool _paused;

    public OpusProgramme Programme { get; } = programme;

    public string Label => Programme.Path;

    public long? FrameCount => Programme.FrameCount;

    public FrameRead Read(long channelFrame, Span<byte> destination, out int length)
    {
        length = 0;
        var index = channelFrame - Volatile.Read(ref _offset);
        if (index >= Programme.FrameCount)
        {
            return FrameRead.End;
        }

        if (index < 0)
        {
            return FrameRead.Starved;
        }

        var frame = Programme.Frame((int)index);
        frame.CopyTo(destination);
        length = frame.Length;
        return FrameRead.Frame;
    }

    public void OnPause(long heardFrame)
    {
        // Never before the last resume point: a pause within the playout delay of a resume must not replay older audio.
        _resumeFrame = Math.Clamp(heardFrame - Volatile.Read(ref _offset), _resumeFrame, Programme.FrameCount);
        _paused = true;
    }

    public void OnResume(long firstFrame)
    {
        Volatile.Write(ref _offset, firstFrame - _resumeFrame);
        _paused = false;
    }

    public long? ProgrammeFrameAt(long channelFrame) =>
        _paused ? _resumeFrame : Math.Clamp(channelFrame - Volatile.Read(ref _offset), _resumeFrame, Programme.FrameCount);

    public void Dispose()
    {
        // The programme's frames are plain memory, shared with nobody that needs telling.
    }
}
