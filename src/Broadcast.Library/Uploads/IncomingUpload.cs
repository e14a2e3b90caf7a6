namespace Broadcast.Library.Uploads;

/// <summary>
/// An uploaded file received into <c>library/incoming</c> and hashed, not yet ingested. Disposing it deletes the
/// received bytes (they are never kept: the library keeps only the encoded programme).
/// </summary>
public sealed class IncomingUpload : IDisposable
{
    private readonly string _folder;

    internal IncomingUpload(string folder, string path, string fileName, string contentHash, long length)
    {
        _folder = folder;
        FilePath = path;
        FileName = fileName;
        ContentHash = contentHash;
        Length = length;
    }

    /// <summary>The uploaded file's name, made safe for the file system; ingest errors start with it.</summary>
    public string FileName { get; }

    /// <summary>SHA-256 of the received bytes, lower-case hex.</summary>
    public string ContentHash { get; }

    /// <summary>Bytes received.</summary>
    public long Length { get; }

    internal string FilePath { get; }

    public void Dispose() => IncomingFolder.TryDelete(_folder);
}
