using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Broadcast.Cli.Output;

namespace Broadcast.Cli.Commands;

/// <summary>
/// <c>bcast schedule add|list|remove|skip|slots</c>: broadcast schedules on a running controller. The controller
/// validates everything and names the field it refuses (<c>controller refused (400): cron: ...</c>).
/// </summary>
internal static class ScheduleCommand
{
    public static Command Create()
    {
        var command = new Command("schedule", "Add, list, remove and skip broadcast schedules on a running controller.");
        command.Subcommands.Add(Add());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Remove());
        command.Subcommands.Add(Skip());
        command.Subcommands.Add(Slots());
        return command;
    }

    private static Command Add()
    {
        var name = new Option<string>("--name") { Description = "Name operators see (\"Bản tin sáng\").", Required = true };
        var programme = new Option<string[]>("--programme") { Description = "Library programme id (or an audio file on the controller); repeat for a playlist played in order.", Required = true };
        var target = new Option<string>("--target") { Description = "all | commune:NAME | hamlet:NAME | cluster:ID (comma-separated for several).", Required = true };
        var priority = new Option<string>("--priority") { Description = "emergency | district | commune | background.", DefaultValueFactory = _ => "district" };
        var at = new Option<string?>("--at") { Description = "Once, at a local date and time: \"2026-12-01 05:30\"." };
        var daily = new Option<string?>("--daily") { Description = "Every day at these local times: 05:30,17:00." };
        var weekdays = new Option<string?>("--weekdays") { Description = "Monday to Friday at these local times: 05:30." };
        var firstMonday = new Option<string?>("--monthly-first-monday") { Description = "The first Monday of each month at these local times: 07:00." };
        var cron = new Option<string?>("--cron") { Description = "A Quartz cron expression, seconds first: \"0 0 6 ? * SAT\"." };
        var grace = new Option<string?>("--grace") { Description = "How late a slot may still air after a controller outage: 10m (default), 90s, 00:02:00." };
        var zone = new Option<string?>("--time-zone") { Description = "IANA time zone of the times (default: the controller's, Asia/Ho_Chi_Minh)." };
        var server = ControllerClient.ServerOption();
        var command = new Command("add", "Schedule a programme (or a playlist) to a target: once, daily, on weekdays, on the first Monday of the month, or by cron.")
        {
            name, programme, target, priority, at, daily, weekdays, firstMonday, cron, grace, zone, server,
        };
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            var when = new (string Kind, string? Value)[]
            {
                ("oneOff", parse.GetValue(at)), ("daily", parse.GetValue(daily)), ("weekdays", parse.GetValue(weekdays)),
                ("monthlyFirstMonday", parse.GetValue(firstMonday)), ("cron", parse.GetValue(cron)),
            }.Where(w => w.Value is not null).ToList();
            if (when.Count != 1)
            {
                throw new UsageException("say when with exactly one of --at, --daily, --weekdays, --monthly-first-monday or --cron");
            }

            var (kind, value) = when[0];
            var body = new JsonObject
            {
                ["name"] = parse.GetValue(name),
                ["programmes"] = new JsonArray([.. parse.GetValue(programme)!.Select(p => JsonValue.Create(File.Exists(p) ? Path.GetFullPath(p) : p))]),
                ["target"] = parse.GetValue(target),
                ["priority"] = parse.GetValue(priority),
                ["kind"] = kind,
                ["grace"] = parse.GetValue(grace),
                ["timeZone"] = parse.GetValue(zone),
            };
            switch (kind)
            {
                case "oneOff":
                    body["at"] = value;
                    break;
                case "cron":
                    body["cron"] = value;
                    break;
                default:
                    body["times"] = new JsonArray([.. value!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(t => JsonValue.Create(t))]);
                    break;
            }

            using var client = new ControllerClient(parse.GetValue(server)!);
            var added = await client.SendAsync(HttpMethod.Post, "/api/schedules", body, ct).ConfigureAwait(false);
            var next = added?["next"] is JsonArray { Count: > 0 } upcoming ? upcoming[0]?["at"]?.GetValue<string>() : null;
            Console.Out.WriteLine($"schedule {added?["id"]} '{added?["name"]}': {added?["description"]} ({added?["timeZone"]}) to {added?["target"]}, {added?["priority"]} priority, grace {added?["graceWindow"]}; next {next ?? "none"}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command List()
    {
        var json = new Option<bool>("--json") { Description = "Print the controller's JSON." };
        var server = ControllerClient.ServerOption();
        var command = new Command("list", "List the active schedules with their next slot.") { json, server };
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            using var client = new ControllerClient(parse.GetValue(server)!);
            var schedules = await client.SendAsync(HttpMethod.Get, "/api/schedules", null, ct).ConfigureAwait(false) as JsonArray ?? [];
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(schedules.ToJsonString());
                return ExitCodes.Ok;
            }

            foreach (var s in schedules)
            {
                var next = s?["next"] is JsonArray { Count: > 0 } upcoming ? upcoming.FirstOrDefault(o => o?["skipped"]?.GetValue<bool>() != true)?["at"]?.GetValue<string>() : null;
                var skips = s?["skips"] is JsonArray { Count: > 0 } dates ? $", skips {string.Join(", ", dates.Select(d => d?["date"]?.GetValue<string>()))}" : string.Empty;
                Console.Out.WriteLine($"{s?["id"],4}  {s?["name"]}: {s?["description"]} to {s?["target"]}, {s?["priority"]}; next {next ?? "none"}{skips}");
            }

            if (schedules.Count == 0)
            {
                Console.Out.WriteLine("no schedules");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Remove()
    {
        var id = new Argument<long>("id") { Description = "Schedule id (see ./bcast schedule list)." };
        var server = ControllerClient.ServerOption();
        var command = new Command("remove", "Remove a schedule: no more slots air; its history stays.") { id, server };
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            using var client = new ControllerClient(parse.GetValue(server)!);
            var removed = await client.SendAsync(HttpMethod.Delete, string.Create(CultureInfo.InvariantCulture, $"/api/schedules/{parse.GetValue(id)}"), null, ct).ConfigureAwait(false);
            Console.Out.WriteLine($"removed schedule {removed?["id"]} '{removed?["name"]}'");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Skip()
    {
        var id = new Argument<long>("id") { Description = "Schedule id (see ./bcast schedule list)." };
        var date = new Option<string>("--date") { Description = "Local date whose slots do not air: 2026-12-02.", Required = true };
        var reason = new Option<string?>("--reason") { Description = "Why (a holiday, a special programme); shown to operators." };
        var server = ControllerClient.ServerOption();
        var command = new Command("skip", "Skip a schedule's slots on one date (an exception, e.g. a holiday).") { id, date, reason, server };
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            using var client = new ControllerClient(parse.GetValue(server)!);
            var body = new { date = parse.GetValue(date), reason = parse.GetValue(reason) };
            var schedule = await client.SendAsync(HttpMethod.Post, string.Create(CultureInfo.InvariantCulture, $"/api/schedules/{parse.GetValue(id)}/skip"), body, ct).ConfigureAwait(false);
            Console.Out.WriteLine($"schedule {schedule?["id"]} '{schedule?["name"]}' skips {parse.GetValue(date)}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Slots()
    {
        var id = new Argument<long>("id") { Description = "Schedule id (see ./bcast schedule list)." };
        var json = new Option<bool>("--json") { Description = "Print the controller's JSON." };
        var server = ControllerClient.ServerOption();
        var command = new Command("slots", "What became of a schedule's slots: aired, late, missed (with the reason), refused, skipped.") { id, json, server };
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            using var client = new ControllerClient(parse.GetValue(server)!);
            var slots = await client.SendAsync(HttpMethod.Get, string.Create(CultureInfo.InvariantCulture, $"/api/schedules/{parse.GetValue(id)}/slots"), null, ct).ConfigureAwait(false) as JsonArray ?? [];
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(slots.ToJsonString());
                return ExitCodes.Ok;
            }

            foreach (var s in slots)
            {
                var broadcast = s?["broadcastId"] is { } b ? $" broadcast {b}" : string.Empty;
                var why = s?["reason"] is { } r ? $": {r}" : string.Empty;
                Console.Out.WriteLine($"{s?["plannedAt"]}  {s?["status"]}{broadcast}{why}");
            }

            if (slots.Count == 0)
            {
                Console.Out.WriteLine("no slots have fallen due yet");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
