using System.ComponentModel;
using System.Diagnostics;

namespace Broadcast.Audio.Ingest;

/// <summary>Starts ffmpeg/ffprobe with arguments passed as a list (no shell quoting of file names).</summary>
internal static class DecoderProcess
{
    public const string MissingMessage = "ffmpeg is not installed: run ./bcast (it installs it) or apt-get install ffmpeg";

    /// <summary>Most stderr lines kept: a damaged MP3 can print one error per frame, thousands in all.</summary>
    public const int MaxErrorLines = 20;

    public static Process Start(string executable, string path, IEnumerable<string> arguments)
    {
        var psi = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var a in arguments)
        {
            psi.ArgumentList.Add(a);
        }

        try
        {
            return Process.Start(psi) ?? throw new AudioIngestException(path, AudioIngestError.DecoderMissing, $"{executable} could not be started");
        }
        catch (Win32Exception e)
        {
            var which = executable is "ffmpeg" or "ffprobe" ? string.Empty : $" ({executable}: {e.Message})";
            throw new AudioIngestException(path, AudioIngestError.DecoderMissing, MissingMessage + which, e);
        }
    }

    /// <summary>Reads stderr to its end, keeping the first <see cref="MaxErrorLines"/> non-empty lines.</summary>
    public static async Task<List<string>> CollectLinesAsync(StreamReader reader)
    {
        var lines = new List<string>();
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            if (lines.Count < MaxErrorLines && !string.IsNullOrWhiteSpace(line))
            {
                lines.Add(line.Trim());
            }
        }

        return lines;
    }

    /// <summary>
    /// The line that says why ffmpeg gave up: its fatal "path: reason" line when there is one (earlier lines may be
    /// warnings such as "misdetection possible"), else the first line; without the "[mp3 @ 0x55..] " context.
    /// </summary>
    public static string FirstError(List<string> lines, string path)
    {
        if (lines.Count == 0)
        {
            return "no error text";
        }

        // ffmpeg prefixes messages with the input as given to it, which is "file:" + the full path (FfmpegInputPolicy).
        var prefix = "file:" + Path.GetFullPath(path) + ": ";
        var line = lines.Find(l => l.StartsWith(prefix, StringComparison.Ordinal)) ?? lines[0];
        if (line.StartsWith('[') && line.IndexOf("] ", StringComparison.Ordinal) is var close and > 0)
        {
            line = line[(close + 2)..];
        }

        if (line.StartsWith(prefix, StringComparison.Ordinal))
        {
            line = line[prefix.Length..];
        }

        return line;
    }

    /// <summary>Kills the process (and children) if it still runs and reaps it, so no zombie is left.</summary>
    public static async ValueTask StopAsync(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // The process exited between HasExited and Kill: nothing left to stop.
        }
        catch (OperationCanceledException)
        {
            // Killed but not reaped within 10 s (an uninterruptible read on a dead disk); Dispose still releases our side.
        }
        finally
        {
            process.Dispose();
        }
    }
}
