using Broadcast.Tests.Common;

namespace Broadcast.Scheduling.Tests.Restart;

/// <summary>Runs the built <c>bcast</c> tool as an operator would, signed in with a bearer token (<c>BCAST_TOKEN</c>).</summary>
internal static class Bcast
{
    public static ExternalTool.Result Run(string token, params string[] args) =>
        ExternalTool.Run(
            "dotnet",
            new Dictionary<string, string> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["BCAST_TOKEN"] = token },
            [Path.Combine(AppContext.BaseDirectory, "bcast.dll"), .. args]);
}
