namespace Broadcast.Controller.Streaming;

/// <summary>A programme file that cannot be broadcast; the message names the file and what to do.</summary>
public sealed class ProgrammeException : Exception
{
    public ProgrammeException()
    {
    }

    public ProgrammeException(string message)
        : base(message)
    {
    }

    public ProgrammeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
