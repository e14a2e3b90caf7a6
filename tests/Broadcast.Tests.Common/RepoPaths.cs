using System.Runtime.CompilerServices;

namespace Broadcast.Tests.Common;

/// <summary>Paths inside the repository, found from this file's compile-time location (works for any artifacts path).</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Config(string file) => Path.Combine(Root, "config", file);

    public static string BatXatTopology => Config("district.bat-xat.json");

    private static string FindRoot([CallerFilePath] string thisFile = "")
    {
        var dir = new DirectoryInfo(Path.GetDirectoryName(thisFile)!);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Broadcast.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root (Broadcast.sln) not found above " + thisFile);
    }
}
