namespace Broadcast.Library.Storage;

/// <summary>A change would make two programmes hold the same audio (the library keys each recording once).</summary>
public sealed class LibraryConflictException : Exception
{
    public LibraryConflictException()
        : base("the change conflicts with another programme")
    {
    }

    public LibraryConflictException(string message)
        : base(message)
    {
    }

    public LibraryConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
