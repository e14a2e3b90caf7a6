namespace Broadcast.Library.Storage;

/// <summary>The library's folder or database cannot be used; the message names the path and what to check.</summary>
public sealed class LibraryStorageException : Exception
{
    public LibraryStorageException()
        : base("the programme library cannot be opened")
    {
    }

    public LibraryStorageException(string message)
        : base(message)
    {
    }

    public LibraryStorageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
