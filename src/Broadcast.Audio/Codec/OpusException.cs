namespace Broadcast.Audio.Codec;

/// <summary>A libopus call returned an error code; the message names the call and libopus's own description.</summary>
public sealed class OpusException : Exception
{
    public OpusException()
    {
    }

    public OpusException(string message)
        : base(message)
    {
    }

    public OpusException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal OpusException(string operation, int errorCode, string description)
        : base($"{operation} failed: {description} (libopus error {errorCode})")
    {
        Operation = operation;
        ErrorCode = errorCode;
    }

    /// <summary>The libopus function (and CTL) that failed, e.g. <c>opus_decode_float</c>.</summary>
    public string? Operation { get; }

    /// <summary>The negative libopus error code (OPUS_BAD_ARG = -1 ... OPUS_ALLOC_FAIL = -7), 0 when not from libopus.</summary>
    public int ErrorCode { get; }
}
