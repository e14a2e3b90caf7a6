using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Broadcast.Cli.Output;

namespace Broadcast.Cli.Commands;

/// <summary><c>bcast queue list|add|skip|move|remove</c>: the operator play queues of a running controller.</summary>
internal static class QueueCommand
{
    public static Command Create()
    {
        var command = new Command("queue", "Operator play queues, one per target: list, add (append, next, now), skip, move, remove.");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Add());
        command.Subcommands.Add(Skip());
        command.Subcommands.Add(Move());
        command.Subcommands.Add(Remove());
        return command;
    }

    private static Command List()
    {
        var target = new Option<string?>("--target") { Description = "Only the queue of this target." };
        var server = ControllerClient.ServerOption();
        var command = new Command("list", "What plays and what waits, with estimated start times.") { target, server };
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            using var client = new ControllerClient(parse.GetValue(server)!);
            var path = parse.GetValue(target) is { } t ? $"/api/queue?target={Uri.EscapeDataString(t)}" : "/api/queue";
            var queues = await client.SendAsync(HttpMethod.Get, path, null, ct).ConfigureAwait(false) as JsonArray ?? [];
            foreach (var queue in queues)
            {
                Print(queue);
            }

            if (queues.Count == 0)
            {
                Console.Out.WriteLine("no queues");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Add()
    {
        var programme = new Argument<string>("programme") { Description = "Library programme id (see ./bcast programmes list)." };
        var target = new Option<string>("--target") { Description = "all | commune:NAME | hamlet:NAME | cluster:ID.", Required = true };
        var priority = new Option<string>("--priority") { Description = "district | commune | background.", DefaultValueFactory = _ => "district" };
        var next = new Option<bool>("--next") { Description = "Play it when the current item ends." };
        var now = new Option<bool>("--now") { Description = "Stop the current item and play it at once." };
        var server = ControllerClient.ServerOption();
        var command = new Command("add", "Add a programme to a target's queue (at the end unless --next or --now).") { programme, target, priority, next, now, server };
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            if (parse.GetValue(next) && parse.GetValue(now))
            {
                throw new UsageException("--next and --now exclude each other");
            }

            var position = parse.GetValue(now) ? "now" : parse.GetValue(next) ? "next" : "append";
            using var client = new ControllerClient(parse.GetValue(server)!);
            var body = new { target = parse.GetValue(target), programme = parse.GetValue(programme), priority = parse.GetValue(priority), position };
            Print(await client.SendAsync(HttpMethod.Post, "/api/queue", body, ct).ConfigureAwait(false));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Skip()
    {
        var target = new Option<string>("--target") { Description = "The queue's target.", Required = true };
        var server = ControllerClient.ServerOption();
        var command = new Command("skip", "Stop the item on air; the next one starts.") { target, server };
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            using var client = new ControllerClient(parse.GetValue(server)!);
            Print(await client.SendAsync(HttpMethod.Post, "/api/queue/skip", new { target = parse.GetValue(target) }, ct).ConfigureAwait(false));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Move()
    {
        var item = new Argument<long>("item") { Description = "Queue item id." };
        var to = new Option<int>("--to") { Description = "New position among the waiting items (0 plays next).", Required = true };
        var server = ControllerClient.ServerOption();
        var command = new Command("move", "Reorder a waiting item.") { item, to, server };
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            using var client = new ControllerClient(parse.GetValue(server)!);
            Print(await client.SendAsync(HttpMethod.Post, $"/api/queue/items/{parse.GetValue(item)}/move", new { position = parse.GetValue(to) }, ct).ConfigureAwait(false));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Remove()
    {
        var item = new Argument<long>("item") { Description = "Queue item id." };
        var server = ControllerClient.ServerOption();
        var command = new Command("remove", "Remove a waiting item.") { item, server };
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            using var client = new ControllerClient(parse.GetValue(server)!);
            Print(await client.SendAsync(HttpMethod.Delete, $"/api/queue/items/{parse.GetValue(item)}", null, ct).ConfigureAwait(false));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static void Print(JsonNode? queue)
    {
        Console.Out.WriteLine($"queue {queue?["target"]}");
        if (queue?["nowPlaying"] is JsonObject now)
        {
            Console.Out.WriteLine($"  now   item {now["item"]}: {now["programme"]} (broadcast {now["broadcast"]}, ends {Time(now["endsAt"])})");
        }

        if (queue?["waiting"]?.GetValue<string>() is { } waiting)
        {
            Console.Out.WriteLine($"  held  {waiting}");
        }

        foreach (var item in queue?["next"] as JsonArray ?? [])
        {
            Console.Out.WriteLine($"  {item?["position"],4}  item {item?["item"]}: {item?["programme"]} at {item?["priority"]}, starts {Time(item?["startsAt"])}");
        }
    }

    private static string Time(JsonNode? value) =>
        value is null ? "unknown" : DateTimeOffset.Parse(value.GetValue<string>(), CultureInfo.InvariantCulture).ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
