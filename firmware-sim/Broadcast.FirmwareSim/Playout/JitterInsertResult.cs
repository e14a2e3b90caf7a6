namespace Broadcast.FirmwareSim.Playout;

/// <summary>What <see cref="JitterBuffer.Insert"/> did with a frame.</summary>
internal enum JitterInsertResult
{
    /// <summary>Buffered.</summary>
    Accepted,

    /// <summary>Already buffered (same RTP timestamp); dropped.</summary>
    Duplicate,

    /// <summary>Its playout slot has passed; dropped.</summary>
    Late,

    /// <summary>Too far ahead of the playout cursor for the buffer; dropped.</summary>
    Overflow,

    /// <summary>Larger than an Opus frame can be; dropped.</summary>
    TooLarge,
}
