namespace Broadcast.Controller.Streaming;

/// <summary>
/// Where a pacer's frames come from: a recorded programme held in memory (<see cref="RecordedFrameSource"/>) or a
/// live input encoded as it arrives (<see cref="Live.LiveFrameSource"/>). <see cref="Read"/> runs on the pacer thread
/// at every deadline and must never block, allocate or log; the other members are called by the broadcast manager.
/// </summary>
internal interface IFrameSource : IDisposable
{
    /// <summary>What the API shows as the programme: a file, a playlist label, or a live input without credentials.</summary>
    string Label { get; }

    /// <summary>Frames of a recorded programme; null for a live source, which runs until stopped.</summary>
    long? FrameCount { get; }

    /// <summary>Copies the payload that channel frame <paramref name="channelFrame"/> carries into <paramref name="destination"/>.</summary>
    FrameRead Read(long channelFrame, Span<byte> destination, out int length);

    /// <summary>The pacer stopped sending; the members are hearing channel frame <paramref name="heardFrame"/> right now.</summary>
    void OnPause(long heardFrame);

    /// <summary>The pacer sends again from channel frame <paramref name="firstFrame"/> on (called before it does).</summary>
    void OnResume(long firstFrame);

    /// <summary>The programme frame that channel frame <paramref name="channelFrame"/> carries; null for a live source.</summary>
    long? ProgrammeFrameAt(long channelFrame);
}
