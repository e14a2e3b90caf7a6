namespace Broadcast.Audit.Storage;

/// <summary>The audit database cannot be opened, written or read; the message names the file and what to do.</summary>
public sealed class AuditStoreException : Exception
{
    public AuditStoreException(string path, string problem, Exception? inner = null)
        : base($"{path}: {problem}", inner)
    {
        DatabasePath = path;
    }

    /// <summary>The audit database file.</summary>
    public string DatabasePath { get; }
}
