namespace Broadcast.Audio.Codec;

/// <summary>libopus.so.0 could not be loaded; the message tells the technician how to install it.</summary>
public sealed class OpusLibraryMissingException : DllNotFoundException
{
    private const string Hint = "libopus0 is not installed: run ./bcast (it installs it) or apt-get install libopus0";

    public OpusLibraryMissingException()
        : base(Hint)
    {
    }

    public OpusLibraryMissingException(string message)
        : base(message)
    {
    }

    public OpusLibraryMissingException(Exception innerException)
        : base(Hint, innerException)
    {
    }

    public OpusLibraryMissingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
