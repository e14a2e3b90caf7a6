namespace Broadcast.Monitoring.Storage;

/// <summary>The alert database cannot be opened, written or read; the message names the file and what to do.</summary>
public sealed class AlertStoreException : Exception
{
    public AlertStoreException(string path, string problem, Exception? inner = null)
        : base($"{path}: {problem}", inner)
    {
        DatabasePath = path;
    }

    /// <summary>The alert database file.</summary>
    public string DatabasePath { get; }
}
