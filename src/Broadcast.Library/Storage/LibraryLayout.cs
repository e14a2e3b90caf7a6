namespace Broadcast.Library.Storage;

/// <summary>
/// Where the library keeps things: <c>library.db</c> (metadata), <c>objects/{sha256}.opus</c> (encoded programmes,
/// named by the hash of the uploaded bytes) and <c>incoming/</c> (uploads being received or encoded; always emptied).
/// All three sit in one folder so renames from incoming into objects stay on one file system, hence atomic.
/// </summary>
internal sealed class LibraryLayout
{
    public LibraryLayout(string root)
    {
        Root = Path.GetFullPath(root);
        Database = Path.Combine(Root, "library.db");
        Objects = Path.Combine(Root, "objects");
        Incoming = Path.Combine(Root, "incoming");
    }

    public string Root { get; }

    public string Database { get; }

    public string Objects { get; }

    public string Incoming { get; }

    public string ObjectPath(string contentHash) => Path.Combine(Objects, contentHash + ".opus");

    /// <summary>Creates the folders; throws <see cref="LibraryStorageException"/> naming the folder when it cannot.</summary>
    public void Create()
    {
        foreach (var dir in new[] { Root, Objects, Incoming })
        {
            try
            {
                Directory.CreateDirectory(dir);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new LibraryStorageException($"cannot create the library folder {dir} ({ex.Message}); check Library:Directory or Controller:DataDir and its permissions", ex);
            }
        }
    }
}
