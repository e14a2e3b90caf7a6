using System.Text.Json;
using System.Text.Json.Serialization;
using Broadcast.Cli.Output;

namespace Broadcast.Cli.Commands;

/// <summary>
/// Session tokens of <c>bcast login</c>, one per controller URL, in <c>$XDG_CONFIG_HOME/bcast/credentials.json</c>
/// (default <c>~/.config/bcast/credentials.json</c>). The folder is 0700 and the file 0600 from the moment it exists:
/// it is written to a private temporary file in the same folder and renamed over the old one.
/// </summary>
internal sealed class CredentialStore(string path)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string FilePath { get; } = path;

    public static CredentialStore Default() => new(DefaultPath(Environment.GetEnvironmentVariable("XDG_CONFIG_HOME"), Environment.GetFolderPath(Environment.SpecialFolder.UserProfile)));

    public static string DefaultPath(string? xdgConfigHome, string home)
    {
        // XDG base directory spec: a relative XDG_CONFIG_HOME is invalid and must be ignored.
        var root = !string.IsNullOrEmpty(xdgConfigHome) && Path.IsPathRooted(xdgConfigHome) ? xdgConfigHome : Path.Combine(home, ".config");
        return Path.Combine(root, "bcast", "credentials.json");
    }

    /// <summary>The key of a controller: scheme, host and port (and path base), without a trailing slash.</summary>
    public static string Key(Uri server)
    {
        ArgumentNullException.ThrowIfNull(server);
        return (server.GetLeftPart(UriPartial.Authority) + server.AbsolutePath.TrimEnd('/')).ToLowerInvariant();
    }

    public StoredCredential? Find(Uri server) => Load().Servers.GetValueOrDefault(Key(server));

    public void Save(Uri server, StoredCredential credential)
    {
        var file = Load();
        file.Servers[Key(server)] = credential;
        Write(file);
    }

    public bool Remove(Uri server)
    {
        var file = Load();
        if (!file.Servers.Remove(Key(server)))
        {
            return false;
        }

        Write(file);
        return true;
    }

    private CredentialsFile Load()
    {
        if (!File.Exists(FilePath))
        {
            return new CredentialsFile();
        }

        try
        {
            return JsonSerializer.Deserialize<CredentialsFile>(File.ReadAllText(FilePath), Json) ?? new CredentialsFile();
        }
        catch (JsonException ex)
        {
            throw new UsageException($"{FilePath}: not a bcast credentials file ({ex.Message}); delete it and log in again");
        }
    }

    private void Write(CredentialsFile file)
    {
        var directory = Path.GetDirectoryName(FilePath)!;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var temp = Path.Combine(directory, $".credentials.{Guid.NewGuid():N}.partial");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(temp, options))
            {
                JsonSerializer.Serialize(stream, file, Json);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, FilePath, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    private sealed class CredentialsFile
    {
        [JsonPropertyName("servers")]
        public Dictionary<string, StoredCredential> Servers { get; set; } = new(StringComparer.Ordinal);
    }
}

/// <summary>One controller's session: who logged in, the bearer token, and when the controller said it expires.</summary>
internal sealed record StoredCredential(string User, string Token, DateTimeOffset ExpiresAt);
