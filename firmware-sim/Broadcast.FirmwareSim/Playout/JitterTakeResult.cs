namespace Broadcast.FirmwareSim.Playout;

/// <summary>What <see cref="JitterBuffer.TakeNext"/> found at the playout cursor.</summary>
internal enum JitterTakeResult
{
    /// <summary>The frame was there.</summary>
    Frame,

    /// <summary>The frame is missing but later ones are buffered (loss or reordering beyond the delay).</summary>
    Missing,

    /// <summary>Nothing is buffered at all: an underrun.</summary>
    Empty,
}
