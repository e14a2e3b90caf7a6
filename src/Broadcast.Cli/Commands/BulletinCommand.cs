using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Broadcast.Cli.Output;

namespace Broadcast.Cli.Commands;

/// <summary>
/// <c>bcast bulletin list|show|submit|approve|reject|review|tts</c>: the approval workflow of the controller's library
/// (<c>/api/bulletins</c>, docs/bulletins.md). Only approved bulletins air; approving is for someone other than the
/// person who submitted or made the bulletin.
/// </summary>
internal static class BulletinCommand
{
    public static Command Create()
    {
        var command = new Command("bulletin", "Submit, approve, reject and list bulletins; make one from text (text-to-speech).");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Show());
        command.Subcommands.Add(Step("submit", "Send a draft or rejected bulletin for approval.", "submit", withReason: false));
        command.Subcommands.Add(Step("approve", "Approve a submitted bulletin (you must not be the one who submitted or made it).", "approve", withReason: false));
        command.Subcommands.Add(Step("reject", "Reject a submitted bulletin with a reason its editor can act on.", "reject", withReason: true));
        command.Subcommands.Add(Step("review", "Clear the review flag an emergency broadcast left on a bulletin that was not approved.", "review", withReason: false));
        command.Subcommands.Add(Speech());
        return command;
    }

    private static Command List()
    {
        var status = new Option<string?>("--status") { Description = "draft | submitted | approved | rejected | scheduled | aired." };
        var commune = new Option<string?>("--commune") { Description = "Only the bulletins of this commune." };
        var text = new Option<string?>("--q") { Description = "Words in the title; case and diacritics do not matter." };
        var flagged = new Option<bool>("--flagged") { Description = "Only bulletins an emergency broadcast used before approval." };
        var page = new Option<int>("--page") { Description = "Page number.", DefaultValueFactory = _ => 1 };
        var pageSize = new Option<int>("--page-size") { Description = "Bulletins per page (1-200).", DefaultValueFactory = _ => 50 };
        var json = new Option<bool>("--json") { Description = "Print the controller's JSON." };
        var server = ControllerClient.ServerOption();
        var command = new Command("list", "List bulletins, newest first (e.g. --status submitted: waiting for an approver).") { status, commune, text, flagged, page, pageSize, json, server };
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            var query = string.Join('&', new (string Name, string? Value)[]
                {
                    ("status", parse.GetValue(status)), ("commune", parse.GetValue(commune)), ("q", parse.GetValue(text)),
                    ("flagged", parse.GetValue(flagged) ? "true" : null),
                    ("page", parse.GetValue(page).ToString(CultureInfo.InvariantCulture)), ("pageSize", parse.GetValue(pageSize).ToString(CultureInfo.InvariantCulture)),
                }
                .Where(p => !string.IsNullOrWhiteSpace(p.Value))
                .Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}"));
            using var client = new ControllerClient(parse.GetValue(server)!);
            var result = await client.SendAsync(HttpMethod.Get, $"/api/bulletins?{query}", null, ct).ConfigureAwait(false);
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
            Console.Out.WriteLine(total == 0 ? "no bulletins match" : $"{items.Count} shown of {total} (page {parse.GetValue(page)})");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Show()
    {
        var id = new Argument<string>("id") { Description = "Bulletin (programme) id." };
        var json = new Option<bool>("--json") { Description = "Print the controller's JSON." };
        var server = ControllerClient.ServerOption();
        var command = new Command("show", "Show one bulletin: status, who submitted, approved or rejected it and why, its text.") { id, json, server };
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            using var client = new ControllerClient(parse.GetValue(server)!);
            var b = await client.SendAsync(HttpMethod.Get, $"/api/bulletins/{Uri.EscapeDataString(parse.GetValue(id)!)}", null, ct).ConfigureAwait(false);
            Print(b, parse.GetValue(json));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Step(string name, string description, string verb, bool withReason)
    {
        var id = new Argument<string>("id") { Description = "Bulletin (programme) id (see bcast bulletin list)." };
        var reason = new Option<string>("--reason") { Description = "Why it is rejected (required): the editor reads it.", Required = true };
        var note = new Option<string?>("--note") { Description = "A note for the audit trail." };
        var json = new Option<bool>("--json") { Description = "Print the controller's JSON." };
        var server = ControllerClient.ServerOption();
        var command = new Command(name, description) { id, json, server };
        if (withReason)
        {
            command.Options.Add(reason);
        }
        else if (verb != "submit")
        {
            command.Options.Add(note);
        }

        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            object body = withReason ? new { reason = parse.GetValue(reason) } : new { note = verb == "submit" ? null : parse.GetValue(note) };
            using var client = new ControllerClient(parse.GetValue(server)!);
            var b = await client.SendAsync(HttpMethod.Post, $"/api/bulletins/{Uri.EscapeDataString(parse.GetValue(id)!)}/{verb}", body, ct).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(b?.ToJsonString());
                return ExitCodes.Ok;
            }

            Console.Out.WriteLine(Line(b));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Speech()
    {
        var title = new Option<string>("--title") { Description = "Title of the bulletin (required).", Required = true };
        var text = new Option<string?>("--text") { Description = "What is read aloud (at most 5,000 characters)." };
        var file = new Option<FileInfo?>("--text-file") { Description = "Read the text from this UTF-8 file instead." };
        var commune = new Option<string?>("--commune") { Description = "For a commune's own notice: its name, id or code." };
        var category = new Option<string?>("--category") { Description = "news (default) | law | agriculture | health | emergency | music." };
        var voice = new Option<string?>("--voice") { Description = "vi (northern, default) | vi-vn-x-central | vi-vn-x-south." };
        var submit = new Option<bool>("--submit") { Description = "Send it for approval at once (otherwise it stays a draft to listen to first)." };
        var json = new Option<bool>("--json") { Description = "Print the controller's JSON." };
        var server = ControllerClient.ServerOption();
        var command = new Command("tts", "Make a bulletin from text with the controller's Vietnamese text-to-speech (espeak-ng).") { title, text, file, commune, category, voice, submit, json, server };
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            var words = parse.GetValue(text);
            if (parse.GetValue(file) is { } path)
            {
                if (words is not null)
                {
                    throw new UsageException("give the text with --text or --text-file, not both");
                }

                words = path.Exists ? await File.ReadAllTextAsync(path.FullName, ct).ConfigureAwait(false) : throw new UsageException($"{path.FullName}: no such file");
            }

            if (string.IsNullOrWhiteSpace(words))
            {
                throw new UsageException("give the text to read with --text \"...\" or --text-file FILE");
            }

            using var client = new ControllerClient(parse.GetValue(server)!);
            var b = await client.SendAsync(
                HttpMethod.Post,
                "/api/bulletins/tts",
                new { title = parse.GetValue(title), text = words, commune = parse.GetValue(commune), category = parse.GetValue(category), voice = parse.GetValue(voice), submit = parse.GetValue(submit) },
                ct).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(b?.ToJsonString());
                return ExitCodes.Ok;
            }

            Console.Out.WriteLine(Line(b));
            Console.Out.WriteLine(b?["duplicate"]?.GetValue<bool>() == true
                ? "duplicate: the same text was read before; this is that bulletin"
                : $"listen to it: {client.Server}{b?["audioUrl"]?.GetValue<string>()?.TrimStart('/')}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static void Print(JsonNode? b, bool json)
    {
        if (json || b is not JsonObject fields)
        {
            Console.Out.WriteLine(b?.ToJsonString());
            return;
        }

        foreach (var (name, value) in fields.Where(f => f.Value is not null))
        {
            Console.Out.WriteLine($"{name,-16} {value}");
        }
    }

    private static string Line(JsonNode? b)
    {
        var duration = TimeSpan.FromSeconds(b?["durationSeconds"]?.GetValue<double>() ?? 0);
        var who = b?["status"]?.GetValue<string>() switch
        {
            "submitted" => $"by {b?["submittedBy"]}",
            "approved" or "scheduled" or "aired" => $"approved by {b?["approvedBy"]}",
            "rejected" => $"rejected by {b?["rejectedBy"]}: {b?["reason"]}",
            _ => $"made by {b?["createdBy"]}",
        };
        var flag = b?["flaggedForReview"]?.GetValue<bool>() == true ? "  [REVIEW: used in an emergency]" : string.Empty;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{b?["id"],-12}  {b?["status"],-9}  {duration:h\\:mm\\:ss}  {b?["title"]}{(b?["commune"] is { } c ? $" [{c}]" : string.Empty)}  ({who}){flag}");
    }
}
