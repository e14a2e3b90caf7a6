namespace Broadcast.Controller.Streaming.Live;

/// <summary>Where a live input stands.</summary>
internal enum LiveState
{
    /// <summary>The first attempt is starting ffmpeg or waiting for its first audio.</summary>
    Connecting,

    /// <summary>Audio is coming in.</summary>
    Live,

    /// <summary>The input failed; the next attempt is waiting out its back-off or starting.</summary>
    Retrying,

    /// <summary>The broadcast ended; the input is closed.</summary>
    Stopped,
}
