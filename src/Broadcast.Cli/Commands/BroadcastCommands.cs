using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Broadcast.Cli.Output;

namespace Broadcast.Cli.Commands;

/// <summary><c>bcast play|stop|pause|resume|volume|status</c>: operators' control of a running controller.</summary>
internal static class BroadcastCommands
{
    public static Command Play()
    {
        var programme = new Argument<string>("programme") { Description = "Library programme id (see ./bcast programmes list), or a file on the controller's machine (Ogg Opus, or any audio file: it is encoded first)." };
        var target = new Option<string>("--target") { Description = "all | commune:NAME | hamlet:NAME | cluster:ID (comma-separated for several).", DefaultValueFactory = _ => "all" };
        var priority = new Option<string>("--priority") { Description = "emergency | district | commune | background.", DefaultValueFactory = _ => "district" };
        var server = ControllerClient.ServerOption();
        var command = new Command("play", "Start a broadcast of a programme to a target.") { programme, target, priority, server };
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            // A file here is sent as a full path (the controller runs on this machine); anything else is a library id,
            // which the controller checks (unknown ids and unapproved items are refused with the reason).
            var given = parse.GetValue(programme)!;
            var path = File.Exists(given) ? Path.GetFullPath(given) : given;

            using var client = new ControllerClient(parse.GetValue(server)!);
            var result = await client.SendAsync(HttpMethod.Post, "/api/broadcasts", new { programme = path, target = parse.GetValue(target), priority = parse.GetValue(priority) }, ct).ConfigureAwait(false);
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"broadcast {result?["id"]} on channel {result?["channel"]}: {Count(result?["targets"])} endpoints"));
            var refused = Count(result?["refused"]);
            if (refused > 0)
            {
                Console.Error.WriteLine($"bcast: warning: {refused} endpoints refused (a higher-priority broadcast holds them); see ./bcast status");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    public static Command Stop()
    {
        var id = new Argument<long>("id") { Description = "Broadcast id (see ./bcast status)." };
        var server = ControllerClient.ServerOption();
        var command = new Command("stop", "Stop a broadcast.") { id, server };
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            using var client = new ControllerClient(parse.GetValue(server)!);
            await client.SendAsync(HttpMethod.Delete, $"/api/broadcasts/{parse.GetValue(id)}", null, ct).ConfigureAwait(false);
            Console.Out.WriteLine($"stopped broadcast {parse.GetValue(id)}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    public static Command Pause() => PauseOrResume("pause", "Pause a broadcast: its endpoints stop but stay reserved for it; a recorded programme resumes where it paused.");

    public static Command Resume() => PauseOrResume("resume", "Resume a paused broadcast.");

    public static Command Volume()
    {
        var target = new Option<string>("--target") { Description = "all | commune:NAME | hamlet:NAME | cluster:ID (comma-separated for several).", Required = true };
        var level = new Option<int>("--level") { Description = "Volume 0-100 (kept across controller restarts; emergencies play at Controller:EmergencyVolume).", Required = true };
        var server = ControllerClient.ServerOption();
        var command = new Command("volume", "Set the volume of endpoints; those playing now change at once.") { target, level, server };
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            var volume = parse.GetValue(level);
            if (volume is < 0 or > 100)
            {
                throw new UsageException($"--level {volume.ToString(CultureInfo.InvariantCulture)} is out of range: give 0 to 100");
            }

            using var client = new ControllerClient(parse.GetValue(server)!);
            var result = await client.SendAsync(HttpMethod.Post, "/api/volume", new { target = parse.GetValue(target), volume }, ct).ConfigureAwait(false);
            Console.Out.WriteLine($"volume {volume.ToString(CultureInfo.InvariantCulture)} set for {result?["endpoints"]} endpoints; {result?["appliedNow"]} playing now changed at once");
            return ExitCodes.Ok;
        }));
        return command;
    }

    public static Command Status()
    {
        var server = ControllerClient.ServerOption();
        var json = new Option<bool>("--json") { Description = "Print the controller's JSON." };
        var command = new Command("status", "Endpoints online and active broadcasts of a running controller.") { server, json };
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            using var client = new ControllerClient(parse.GetValue(server)!);
            var endpoints = await client.SendAsync(HttpMethod.Get, "/api/endpoints", null, ct).ConfigureAwait(false) as JsonArray ?? [];
            var broadcasts = await client.SendAsync(HttpMethod.Get, "/api/broadcasts", null, ct).ConfigureAwait(false) as JsonArray ?? [];
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(new JsonObject { ["endpoints"] = endpoints.DeepClone(), ["broadcasts"] = broadcasts.DeepClone() }.ToJsonString());
                return ExitCodes.Ok;
            }

            var online = endpoints.Count(e => e?["online"]?.GetValue<bool>() == true);
            Console.Out.WriteLine($"endpoints: {online} online of {endpoints.Count}");
            foreach (var b in broadcasts)
            {
                Console.Out.WriteLine($"broadcast {b?["id"]}: {b?["priority"]} to {Count(b?["targets"])} endpoints, {b?["programme"]}{Details(b)}");
            }

            if (broadcasts.Count == 0)
            {
                Console.Out.WriteLine("no active broadcasts");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command PauseOrResume(string verb, string description)
    {
        var id = new Argument<long>("id") { Description = "Broadcast id (see ./bcast status)." };
        var server = ControllerClient.ServerOption();
        var command = new Command(verb, description) { id, server };
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            using var client = new ControllerClient(parse.GetValue(server)!);
            var result = await client.SendAsync(HttpMethod.Post, $"/api/broadcasts/{parse.GetValue(id)}/{verb}", null, ct).ConfigureAwait(false);
            Console.Out.WriteLine($"broadcast {parse.GetValue(id)}: {result?["state"]}{Details(result)}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>State details after the programme: paused, position, and for a live relay its input's state.</summary>
    private static string Details(JsonNode? broadcast)
    {
        var text = string.Empty;
        if (broadcast?["state"]?.GetValue<string>() == "paused")
        {
            text += " [paused]";
        }

        if (broadcast?["positionSeconds"] is JsonValue position && position.TryGetValue<double>(out var at))
        {
            text += string.Create(CultureInfo.InvariantCulture, $", at {at:0.0} s of {broadcast["durationSeconds"]?.GetValue<double>() ?? 0:0.0} s");
        }

        if (broadcast?["live"] is JsonObject live)
        {
            text += $", live input {live["state"]}";
            if (live["state"]?.GetValue<string>() == "retrying")
            {
                text += $" (attempt {live["attempt"]}, last error: {live["lastError"]})";
            }
        }

        return text;
    }

    private static int Count(JsonNode? node) => node is JsonArray a ? a.Count : 0;
}
