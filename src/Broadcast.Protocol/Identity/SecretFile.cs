using System.Text.Json;

namespace Broadcast.Protocol.Identity;

/// <summary>
/// Writes and reads JSON files holding secrets: created with Unix mode 0600 from the start (never world-readable,
/// not even briefly), written under a temporary name in the same directory, flushed to disk, then renamed over the
/// target so that a reader never sees a half-written file (rename is atomic within a file system, POSIX rename(2)).
/// </summary>
public static class SecretFile
{
    public static void Write(string path, Action<Utf8JsonWriter> write)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full) ?? ".";
        var temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using (var stream = new FileStream(temp, options))
            {
                using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
                {
                    write(writer);
                }

                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw new CredentialsFileException(CredentialsError.Unreadable, full, $"cannot write the file: {ex.Message}", ex);
        }
    }

    public static JsonDocument Read(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new CredentialsFileException(CredentialsError.Missing, full, "file not found");
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(full);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CredentialsFileException(CredentialsError.Unreadable, full, $"cannot read the file: {ex.Message}", ex);
        }

        try
        {
            // The document reads from this array (no copy), so it cannot be wiped here; it lives as long as the document.
            return JsonDocument.Parse(bytes);
        }
        catch (JsonException ex)
        {
            // The JSON reader's message gives line and position only, not content, so no secret leaks through it.
            throw new CredentialsFileException(CredentialsError.InvalidJson, full, $"not valid JSON (line {ex.LineNumber + 1}, position {ex.BytePositionInLine})");
        }
    }

    public static string RequireString(JsonElement root, string name, string path)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
        {
            throw new CredentialsFileException(CredentialsError.InvalidJson, path, $"field '{name}' is missing or not a string");
        }

        return value.GetString()!;
    }

    public static int RequireVersion(JsonElement root, int expected, string path)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("formatVersion", out var value) || !value.TryGetInt32(out var version))
        {
            throw new CredentialsFileException(CredentialsError.InvalidJson, path, "field 'formatVersion' is missing or not an integer");
        }

        return version == expected
            ? version
            : throw new CredentialsFileException(CredentialsError.WrongVersion, path, $"formatVersion {version} is not supported (expected {expected})");
    }

    public static byte[] RequireKey(JsonElement root, string name, string path)
    {
        var text = RequireString(root, name, path);
        var buffer = new byte[48];
        if (!Convert.TryFromBase64String(text, buffer, out var written) || written != 32)
        {
            Array.Clear(buffer);
            throw new CredentialsFileException(CredentialsError.BadKeyLength, path, $"field '{name}' is not base64 of a 32-byte key");
        }

        var key = buffer[..32];
        Array.Clear(buffer);
        return key;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: the temp file carries a unique name and mode 0600.
        }
    }
}
