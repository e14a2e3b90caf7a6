namespace Broadcast.Audio.Pipeline;

/// <summary>
/// Writes to a temporary file beside the destination and renames it into place on <see cref="Commit"/>,
/// so a crash, a full disk or a bad input never leaves a half-written programme where a player could pick it up.
/// </summary>
internal sealed class AtomicOutputFile : IDisposable
{
    private readonly string _tempPath;
    private FileStream? _stream;
    private bool _committed;

    private AtomicOutputFile(string destination, string tempPath, FileStream stream)
    {
        Destination = destination;
        _tempPath = tempPath;
        _stream = stream;
    }

    public string Destination { get; }

    public Stream Stream => _stream ?? throw new ObjectDisposedException(nameof(AtomicOutputFile));

    public static AtomicOutputFile Create(string destination)
    {
        var full = Path.GetFullPath(destination);
        var dir = Path.GetDirectoryName(full) ?? ".";
        if (!Directory.Exists(dir))
        {
            throw new AudioOutputException(destination, $"the output directory {dir} does not exist");
        }

        if (Directory.Exists(full))
        {
            throw new AudioOutputException(destination, "is a directory; give a file name such as programme.opus");
        }

        // Hidden, unique name in the same directory: the final rename is then atomic on one file system.
        var temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.partial");
        try
        {
            var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 64 * 1024);
            return new AtomicOutputFile(full, temp, fs);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new AudioOutputException(destination, $"cannot write in {dir} (permission denied)", ex);
        }
        catch (IOException ex)
        {
            throw new AudioOutputException(destination, $"cannot create a file in {dir} ({ex.Message})", ex);
        }
    }

    public void Commit()
    {
        var fs = _stream ?? throw new ObjectDisposedException(nameof(AtomicOutputFile));
        try
        {
            fs.Flush(flushToDisk: true);
            fs.Dispose();
            _stream = null;
            File.Move(_tempPath, Destination, overwrite: true);
            _committed = true;
        }
        catch (IOException ex)
        {
            throw new AudioOutputException(Destination, $"could not finish writing ({ex.Message}); the output was not created", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new AudioOutputException(Destination, "cannot replace the existing file (permission denied)", ex);
        }
    }

    public void Dispose()
    {
        _stream?.Dispose();
        _stream = null;
        if (!_committed)
        {
            try
            {
                File.Delete(_tempPath);
            }
            catch (IOException)
            {
                // Best effort: the partial file has a hidden .partial name and is never mistaken for output.
            }
            catch (UnauthorizedAccessException)
            {
                // As above.
            }
        }
    }
}
