using Broadcast.Audio.Codec;
using Broadcast.Audio.Ingest;
using Broadcast.Audio.Ogg;
using Broadcast.Audio.Pipeline;

namespace Broadcast.Cli.Output;

/// <summary>
/// Turns the typed errors of the libraries into one line on stderr and an exit code. A technician reads the line;
/// a script reads the code. Unexpected exceptions are not hidden: they print their type and message.
/// </summary>
internal static class CliErrors
{
    public static async Task<int> RunAsync(Func<Task<int>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (AudioIngestException ex)
        {
            return Fail(ex.Error == AudioIngestError.DecoderMissing ? ExitCodes.MissingDependency : ExitCodes.BadInput, ex.Message);
        }
        catch (AudioOutputException ex)
        {
            return Fail(ExitCodes.OutputFailed, ex.Message);
        }
        catch (OggFormatException ex)
        {
            return Fail(ExitCodes.BadInput, ex.Message);
        }
        catch (OpusLibraryMissingException ex)
        {
            return Fail(ExitCodes.MissingDependency, ex.Message);
        }
        catch (ArgumentOutOfRangeException ex)
        {
            return Fail(ExitCodes.Usage, $"invalid setting {ex.ParamName}: {FirstLine(ex.Message)}");
        }
        catch (Broadcast.Protocol.Identity.CredentialsFileException ex)
        {
            return Fail(ExitCodes.BadInput, ex.Message);
        }
        catch (Broadcast.Topology.TopologyException ex)
        {
            return Fail(ExitCodes.BadInput, ex.Message);
        }
        catch (Commands.ControllerUnreachableException ex)
        {
            return Fail(ExitCodes.Failure, ex.Message);
        }
        catch (UsageException ex)
        {
            return Fail(ExitCodes.Usage, ex.Message);
        }
        catch (OperationCanceledException)
        {
            return Fail(ExitCodes.Cancelled, "cancelled; no output was written");
        }
    }

    public static int Fail(int code, string message)
    {
        Console.Error.WriteLine($"bcast: error: {message}");
        return code;
    }

    private static string FirstLine(string s)
    {
        var i = s.IndexOf('\n', StringComparison.Ordinal);
        var line = i < 0 ? s : s[..i];
        var paren = line.IndexOf(" (Parameter", StringComparison.Ordinal);
        return (paren < 0 ? line : line[..paren]).Trim();
    }
}
