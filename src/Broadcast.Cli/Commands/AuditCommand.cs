using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Broadcast.Audio.Pipeline;
using Broadcast.Cli.Output;

namespace Broadcast.Cli.Commands;

/// <summary>
/// <c>bcast audit</c>: reads the audit trail of a running controller (<c>GET /api/audit</c>), exports it as CSV
/// (<c>GET /api/audit?format=csv</c>, the form the accounts' permission table covers), or checks its hash chain
/// (<c>bcast audit verify</c>). Dates are passed to the controller as typed; it parses them and names the option that
/// is wrong.
/// </summary>
internal static class AuditCommand
{
    // Vietnam has kept UTC+07:00 without daylight saving since 1975; the CLI shows times as the station reads them.
    private static readonly TimeSpan DistrictOffset = TimeSpan.FromHours(7);

    // Vietnamese letters as they are, not \u escapes: a technician reads this.
    private static readonly JsonSerializerOptions ReadableJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create()
    {
        var from = new Option<string?>("--from") { Description = "First moment included: ISO 8601, e.g. 2025-03-01 (midnight, Vietnam time) or 2025-03-01T08:00:00+07:00." };
        var to = new Option<string?>("--to") { Description = "First moment excluded: --to 2025-04-01 ends with March." };
        var commune = new Option<string?>("--commune") { Description = "Only entries that concern this commune (case-insensitive, diacritics count)." };
        var action = new Option<string?>("--action") { Description = "Only this action, e.g. broadcast.start, or broadcast.* for all broadcast actions." };
        var csv = new Option<string?>("--csv") { Description = "Write every matching entry to this CSV file (UTF-8, opens in Excel); - writes to stdout." };
        var json = new Option<bool>("--json") { Description = "Print the entries as JSON." };
        var server = ControllerClient.ServerOption();
        var command = new Command("audit", "Show or export the audit trail: who did what, where and when.") { from, to, commune, action, csv, json, server };
        command.Subcommands.Add(Verify());
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            var filters = QueryString(
                ("from", parse.GetValue(from)), ("to", parse.GetValue(to)), ("commune", parse.GetValue(commune)), ("action", parse.GetValue(action)));
            using var client = new ControllerClient(parse.GetValue(server)!);
            if (parse.GetValue(csv) is { } csvPath)
            {
                // A one-entry JSON query first: the controller checks the filters and a mistake comes back as one
                // line naming the option, before any file is touched.
                await client.SendAsync(HttpMethod.Get, Append("/api/audit", filters, "limit=1"), null, ct).ConfigureAwait(false);
                await DownloadAsync(client.Server, Append("/api/audit", filters, "format=csv"), csvPath, ct).ConfigureAwait(false);
                if (csvPath != "-")
                {
                    Console.Error.WriteLine($"wrote {Path.GetFullPath(csvPath)}");
                }

                return ExitCodes.Ok;
            }

            var asJson = parse.GetValue(json);
            var collected = new JsonArray();
            long count = 0;
            string? after = null;
            do
            {
                var page = await client.SendAsync(HttpMethod.Get, Append("/api/audit", filters, after is null ? null : "after=" + after), null, ct).ConfigureAwait(false);
                foreach (var entry in page?["entries"] as JsonArray ?? [])
                {
                    count++;
                    if (asJson)
                    {
                        collected.Add(entry?.DeepClone());
                    }
                    else
                    {
                        Console.Out.WriteLine(Line(entry));
                    }
                }

                after = page?["next"]?.ToString();
            }
            while (!string.IsNullOrEmpty(after));

            if (asJson)
            {
                Console.Out.WriteLine(new JsonObject { ["entries"] = collected }.ToJsonString(ReadableJson));
            }
            else
            {
                Console.Error.WriteLine(count == 0 ? "no audit entries match" : $"{count} entries");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Verify()
    {
        var server = ControllerClient.ServerOption();
        var command = new Command("verify", "Check the audit trail's hash chain: shows the first entry changed outside the controller.") { server };
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            using var client = new ControllerClient(parse.GetValue(server)!);
            var result = await client.SendAsync(HttpMethod.Get, "/api/audit/verify", null, ct).ConfigureAwait(false);
            var head = $"last sequence {result?["lastSequence"]}, head hash {result?["headHash"]}";
            if (result?["intact"]?.GetValue<bool>() == true)
            {
                Console.Out.WriteLine($"audit trail intact: {result["entriesChecked"]} entries checked, {head}");
                return ExitCodes.Ok;
            }

            var at = result?["firstBrokenSequence"] is { } seq ? $" at entry {seq}" : string.Empty;
            return CliErrors.Fail(ExitCodes.BadInput, $"audit trail fails verification{at}: {result?["problem"]} ({result?["entriesChecked"]} entries confirmed before it; {head})");
        }));
        return command;
    }

    /// <summary>One entry as a line: sequence, Vietnam time, actor, action, subject, result, communes, detail.</summary>
    private static string Line(JsonNode? entry)
    {
        var at = entry?["at"]?.GetValue<string>() is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
            ? t.ToOffset(DistrictOffset).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
            : "?";
        var communes = entry?["communes"] is JsonArray c && c.Count > 0 ? " [" + string.Join(", ", c.Select(x => x?.ToString())) + "]" : string.Empty;
        var detail = entry?["detail"]?.ToString() is { Length: > 0 } d ? " " + d : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"{entry?["sequence"],6}  {at}  {entry?["actor"],-10}  {entry?["action"],-22}  {entry?["subject"]}  {entry?["result"]}{communes}{detail}");
    }

    private static string QueryString(params (string Name, string? Value)[] pairs) =>
        string.Join('&', pairs.Where(p => !string.IsNullOrWhiteSpace(p.Value)).Select(p => p.Name + "=" + Uri.EscapeDataString(p.Value!)));

    private static string Append(string path, string query, string? extra)
    {
        var all = string.Join('&', new[] { query, extra }.Where(q => !string.IsNullOrEmpty(q)));
        return all.Length == 0 ? path : path + "?" + all;
    }

    /// <summary>
    /// Streams the CSV into a hidden temporary file beside <paramref name="destination"/> and renames it when complete,
    /// so an interrupted export leaves nothing under the real name. (ControllerClient reads JSON only; a download
    /// method there would replace the client and token lookup here.)
    /// </summary>
    private static async Task DownloadAsync(Uri server, string pathAndQuery, string destination, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = server, Timeout = Timeout.InfiniteTimeSpan };
        // The same credentials ControllerClient sends (it reads JSON only, so the CSV needs a client of its own).
        if ((Environment.GetEnvironmentVariable(ControllerClient.TokenVariable) is { Length: > 0 } token ? token : CredentialStore.Default().Find(server)?.Token) is { } bearer)
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        }

        if (destination == "-")
        {
            using var response = await GetAsync(http, pathAndQuery, ct).ConfigureAwait(false);
            var stdout = Console.OpenStandardOutput();
            await using (stdout.ConfigureAwait(false))
            {
                await CopyAsync(response, stdout, ct).ConfigureAwait(false);
            }

            return;
        }

        var full = Path.GetFullPath(destination);
        var dir = Path.GetDirectoryName(full) ?? ".";
        if (!Directory.Exists(dir))
        {
            throw new AudioOutputException(destination, $"the output directory {dir} does not exist");
        }

        if (Directory.Exists(full))
        {
            throw new AudioOutputException(destination, "is a directory; give a file name such as audit.csv");
        }

        var temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.partial");
        try
        {
            using var response = await GetAsync(http, pathAndQuery, ct).ConfigureAwait(false);
            var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            await using (file.ConfigureAwait(false))
            {
                await CopyAsync(response, file, ct).ConfigureAwait(false);
                file.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException && ex is not AudioOutputException)
        {
            throw new AudioOutputException(destination, $"cannot write the CSV: {ex.Message}", ex);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient http, string pathAndQuery, CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync(pathAndQuery, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new ControllerUnreachableException($"cannot reach the controller at {http.BaseAddress} ({ex.Message}); is `./bcast serve` running?", ex);
        }

        if (!response.IsSuccessStatusCode)
        {
            var status = (int)response.StatusCode;
            response.Dispose();
            throw new UsageException($"controller refused the CSV export ({status})");
        }

        return response;
    }

    private static async Task CopyAsync(HttpResponseMessage response, Stream destination, CancellationToken ct)
    {
        try
        {
            await response.Content.CopyToAsync(destination, ct).ConfigureAwait(false);
        }
        catch (HttpIOException ex)
        {
            throw new ControllerUnreachableException($"the controller stopped sending the export part-way ({ex.Message}); nothing was written", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new ControllerUnreachableException($"the controller stopped sending the export part-way ({ex.Message}); nothing was written", ex);
        }
    }
}
