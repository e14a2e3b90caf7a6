namespace Broadcast.Library.Uploads;

/// <summary>One private folder per upload under <c>library/incoming</c>, so cleaning up is one recursive delete.</summary>
internal static class IncomingFolder
{
    public static string Create(string incomingRoot)
    {
        var folder = Path.Combine(incomingRoot, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>Deletes the folder and what it holds; false when something could not be deleted (it is retried at the next start).</summary>
    public static bool TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }

            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
