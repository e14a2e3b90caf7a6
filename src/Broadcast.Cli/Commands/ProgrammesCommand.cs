using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Broadcast.Cli.Output;

namespace Broadcast.Cli.Commands;

/// <summary><c>bcast programmes list|show|delete</c>: the controller's programme library (<c>/api/programmes</c>).</summary>
internal static class ProgrammesCommand
{
    public static Command Create()
    {
        var command = new Command("programmes", "List, show or delete programmes in the controller's library (bcast upload adds them).");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Show());
        command.Subcommands.Add(Delete());
        return command;
    }

    private static Command List()
    {
        var text = new Option<string?>("--q") { Description = "Words in the title; case and diacritics do not matter (\"ban tin\" finds \"Bản tin sáng\")." };
        var category = new Option<string?>("--category") { Description = "news | law | agriculture | health | emergency | music." };
        var commune = new Option<string?>("--commune") { Description = "Only the items of this commune." };
        var from = new Option<string?>("--from") { Description = "Uploaded on or after: 2026-11-24 (that midnight, controller time) or 2026-11-24T05:30:00+07:00." };
        var to = new Option<string?>("--to") { Description = "Uploaded before; a plain date includes that day." };
        var page = new Option<int>("--page") { Description = "Page number.", DefaultValueFactory = _ => 1 };
        var pageSize = new Option<int>("--page-size") { Description = "Programmes per page (1-200).", DefaultValueFactory = _ => 50 };
        var json = new Option<bool>("--json") { Description = "Print the controller's JSON." };
        var server = ControllerClient.ServerOption();
        var command = new Command("list", "Search the library, newest first.") { text, category, commune, from, to, page, pageSize, json, server };
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            var query = string.Join('&', new (string Name, string? Value)[]
                {
                    ("q", parse.GetValue(text)), ("category", parse.GetValue(category)), ("commune", parse.GetValue(commune)),
                    ("from", parse.GetValue(from)), ("to", parse.GetValue(to)),
                    ("page", parse.GetValue(page).ToString(CultureInfo.InvariantCulture)), ("pageSize", parse.GetValue(pageSize).ToString(CultureInfo.InvariantCulture)),
                }
                .Where(p => !string.IsNullOrWhiteSpace(p.Value))
                .Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}"));
            using var client = new ControllerClient(parse.GetValue(server)!);
            var result = await client.SendAsync(HttpMethod.Get, $"/api/programmes?{query}", null, ct).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(result?.ToJsonString());
                return ExitCodes.Ok;
            }

            var items = result?["items"] as JsonArray ?? [];
            foreach (var item in items)
            {
                Console.Out.WriteLine(Line(item));
            }

            var total = result?["total"]?.GetValue<int>() ?? 0;
            Console.Out.WriteLine(items.Count == 0 && total == 0 ? "no programmes match" : $"{items.Count} shown of {total} (page {parse.GetValue(page)})");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Show()
    {
        var id = new Argument<string>("id") { Description = "Programme id (see bcast programmes list)." };
        var json = new Option<bool>("--json") { Description = "Print the controller's JSON." };
        var server = ControllerClient.ServerOption();
        var command = new Command("show", "Show one programme's metadata.") { id, json, server };
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            using var client = new ControllerClient(parse.GetValue(server)!);
            var p = await client.SendAsync(HttpMethod.Get, $"/api/programmes/{Uri.EscapeDataString(parse.GetValue(id)!)}", null, ct).ConfigureAwait(false);
            if (parse.GetValue(json) || p is not JsonObject fields)
            {
                Console.Out.WriteLine(p?.ToJsonString());
                return ExitCodes.Ok;
            }

            foreach (var (name, value) in fields)
            {
                Console.Out.WriteLine($"{name,-16} {value?.ToString() ?? "-"}");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Delete()
    {
        var id = new Argument<string>("id") { Description = "Programme id (see bcast programmes list)." };
        var server = ControllerClient.ServerOption();
        var command = new Command("delete", "Delete a programme; refused while a future schedule plays it.") { id, server };
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            using var client = new ControllerClient(parse.GetValue(server)!);
            await client.SendAsync(HttpMethod.Delete, $"/api/programmes/{Uri.EscapeDataString(parse.GetValue(id)!)}", null, ct).ConfigureAwait(false);
            Console.Out.WriteLine($"deleted programme {parse.GetValue(id)}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static string Line(JsonNode? p)
    {
        var created = p?["createdAt"]?.GetValue<DateTimeOffset>().ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var lufs = p?["loudnessLufs"] is { } l ? l.GetValue<double>().ToString("0.0", CultureInfo.InvariantCulture) : "silent";
        var duration = TimeSpan.FromSeconds(p?["durationSeconds"]?.GetValue<double>() ?? 0);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{p?["id"],-12}  {created}  {p?["category"],-11}  {duration:h\\:mm\\:ss}  {lufs,6} LUFS  {p?["title"]}{(p?["commune"] is { } c ? $" [{c}]" : string.Empty)}");
    }
}
