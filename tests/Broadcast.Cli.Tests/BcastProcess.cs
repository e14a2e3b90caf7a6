using Broadcast.Tests.Common;

namespace Broadcast.Cli.Tests;

/// <summary>Runs the built bcast tool as a child process, as an operator or a script would.</summary>
internal static class BcastProcess
{
    public static ExternalTool.Result Run(params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "bcast.dll");
        return ExternalTool.Run("dotnet", new Dictionary<string, string> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" }, [dll, .. args]);
    }

    /// <summary>The lines written to stderr, without blanks.</summary>
    public static string[] ErrorLines(this ExternalTool.Result r)
        => r.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
