using System.CommandLine;
using System.Text.Json.Nodes;
using Broadcast.Audio.Ingest;
using Broadcast.Cli.Output;

namespace Broadcast.Cli.Commands;

/// <summary><c>bcast live --source URL|DEVICE --target T</c>: relay a live input through a running controller until stopped.</summary>
internal static class LiveCommand
{
    public static Command Create()
    {
        var source = new Option<string>("--source") { Description = $"The live input: {LiveSource.Forms}.", Required = true };
        var target = new Option<string>("--target") { Description = "all | commune:NAME | hamlet:NAME | cluster:ID (comma-separated for several).", Required = true };
        var priority = new Option<string>("--priority") { Description = "emergency | district | commune | background.", DefaultValueFactory = _ => "district" };
        var server = ControllerClient.ServerOption();
        var command = new Command("live", "Relay a live input (Icecast/HTTP stream, RTP, UDP, capture device) to a target until stopped with ./bcast stop ID.") { source, target, priority, server };
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            // Checked here too, so a typo fails at once; an SDP file goes as a full path (the controller's working
            // directory is not ours).
            if (!LiveSource.TryParse(parse.GetValue(source), out var live, out var error))
            {
                throw new UsageException(error!);
            }

            var input = live!.Kind == LiveSourceKind.Sdp ? live.Input : parse.GetValue(source)!.Trim();
            using var client = new ControllerClient(parse.GetValue(server)!);
            var result = await client.SendAsync(HttpMethod.Post, "/api/broadcasts", new { live = input, target = parse.GetValue(target), priority = parse.GetValue(priority) }, ct).ConfigureAwait(false);
            var targets = result?["targets"] is JsonArray a ? a.Count : 0;
            Console.Out.WriteLine($"live broadcast {result?["id"]} on channel {result?["channel"]}: {live.Display} to {targets} endpoints; input {result?["live"]?["state"]}");
            Console.Out.WriteLine($"follow it with ./bcast status; end it with ./bcast stop {result?["id"]}");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
