namespace Broadcast.Controller.Streaming;

/// <summary>What a <see cref="IFrameSource"/> had for the pacer at one 20 ms deadline.</summary>
internal enum FrameRead
{
    /// <summary>A frame was copied out: seal and send it.</summary>
    Frame,

    /// <summary>Nothing is due (a live input is connecting, stalled or refilling its cushion): send nothing this time.</summary>
    Starved,

    /// <summary>The programme has no more frames.</summary>
    End,
}
