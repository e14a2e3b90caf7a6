namespace Broadcast.Protocol.Identity;

/// <summary>A credentials or identity file could not be loaded or saved. The message names the file, never a secret.</summary>
public sealed class CredentialsFileException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CredentialsFileException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public CredentialsFileException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public CredentialsFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with its kind and file.</summary>
    public CredentialsFileException(CredentialsError error, string path, string detail, Exception? innerException = null)
        : base($"{path}: {detail}", innerException)
    {
        Error = error;
        FilePath = path;
    }

    /// <summary>What went wrong.</summary>
    public CredentialsError Error { get; }

    /// <summary>The file concerned.</summary>
    public string? FilePath { get; }
}
