using System.Buffers;
using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Broadcast.Cli.Output;
using Spectre.Console;

namespace Broadcast.Cli.Commands;

/// <summary>
/// <c>bcast upload FILE --title T</c>: streams a programme file to the controller's library
/// (<c>POST /api/programmes</c>), which decodes, normalises and encodes it once. A progress bar shows the transfer on a
/// terminal, plain <c>upload: 40%</c> lines on stderr otherwise; then one line with the id, duration, loudness, and
/// whether the same file was already in the library.
/// </summary>
internal static class UploadCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "Programme file: WAV, MP3, M4A, WMA, OGG, FLAC or anything ffmpeg reads." };
        var title = new Option<string>("--title") { Description = "Title shown to operators and searched (e.g. \"Bản tin sáng 24/11\").", Required = true };
        var category = new Option<string?>("--category") { Description = "news | law | agriculture | health | emergency | music (default: news)." };
        var commune = new Option<string?>("--commune") { Description = "For a commune's own item: the commune's name, id or code." };
        var json = new Option<bool>("--json") { Description = "Print the controller's JSON for the programme." };
        var server = ControllerClient.ServerOption();
        var command = new Command("upload", "Upload a programme to the controller's library (encoded once; an identical file is not stored twice).")
        {
            file, title, category, commune, json, server,
        };
        command.SetAction((parse, ct) => CliErrors.RunAsync(() => RunAsync(
            parse.GetValue(file)!,
            [("title", parse.GetValue(title)!), ("category", parse.GetValue(category)), ("commune", parse.GetValue(commune))],
            parse.GetValue(server)!,
            parse.GetValue(json),
            ct)));
        return command;
    }

    private static async Task<int> RunAsync(string path, (string Name, string? Value)[] fields, string server, bool json, CancellationToken ct)
    {
        if (!Uri.TryCreate(server, UriKind.Absolute, out var baseUri))
        {
            throw new UsageException($"--server '{server}' is not a URL such as {ControllerClient.DefaultServer}");
        }

        FileStream source;
        try
        {
            source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return CliErrors.Fail(ExitCodes.BadInput, $"{path}: file not found");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return CliErrors.Fail(ExitCodes.BadInput, $"{path}: cannot be read ({ex.Message})");
        }

        await using (source.ConfigureAwait(false))
        {
            // Encoding an hour-long programme takes a while after the last byte: no client timeout, Ctrl-C cancels.
            using var http = new HttpClient { BaseAddress = baseUri, Timeout = Timeout.InfiniteTimeSpan };
            // The credentials ControllerClient sends (it reads JSON with a 30 s timeout, so uploads need a client of their own).
            if ((Environment.GetEnvironmentVariable(ControllerClient.TokenVariable) is { Length: > 0 } token ? token : CredentialStore.Default().Find(baseUri)?.Token) is { } bearer)
            {
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            }

            using var form = new MultipartFormDataContent();
            // Fields first: the controller checks them before the file is on the wire.
            foreach (var (name, value) in fields.Where(f => !string.IsNullOrWhiteSpace(f.Value)))
            {
                form.Add(new StringContent(value!), name);
            }

            var label = Path.GetFileName(path);
            var (status, text) = await UploadProgress.RunAsync(label, source.Length, async progress =>
            {
                form.Add(new ProgressContent(source, progress), "file", label);
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/programmes") { Content = form };
                // With 100-continue a refusal (too large, bad title) comes back before the file is sent.
                request.Headers.ExpectContinue = true;
                try
                {
                    using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
                    return (response.StatusCode, await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false));
                }
                catch (HttpRequestException ex)
                {
                    throw new ControllerUnreachableException($"cannot reach the controller at {baseUri} or it closed the connection during the upload ({ex.Message}); is `./bcast serve` running?", ex);
                }
            }).ConfigureAwait(false);

            return Report(label, baseUri, status, text, json);
        }
    }

    private static int Report(string label, Uri server, HttpStatusCode status, string text, bool json)
    {
        var body = Parse(text);
        if (status is not (HttpStatusCode.OK or HttpStatusCode.Created))
        {
            var refusal = body?["refusal"]?.GetValue<string>();
            var detail = body?["detail"]?.GetValue<string>() ?? body?["title"]?.GetValue<string>() ?? status.ToString();
            // A refusal's detail is already a technician's line ("news.mp3: not an audio file ..."); other answers
            // (no such route on an older controller, a crash) keep their status code for the bug report.
            var line = status == HttpStatusCode.Unauthorized ? $"{label}: the controller refused the upload (401): {detail} (./bcast login --server {server})"
                : refusal is null ? $"{label}: the controller answered {(int)status}: {detail}"
                : (detail.StartsWith(label + ":", StringComparison.Ordinal) ? detail : $"{label}: {detail}")
                    + (detail.EndsWith("nothing was stored", StringComparison.Ordinal) ? string.Empty : "; nothing was stored");
            var code = refusal switch
            {
                "not-audio" or "too-large" => ExitCodes.BadInput,
                "invalid-field" or "forbidden" => ExitCodes.Usage,
                "decoder-missing" => ExitCodes.MissingDependency,
                "storage-failed" => ExitCodes.OutputFailed,
                _ => ExitCodes.Failure,
            };
            return CliErrors.Fail(code, line);
        }

        if (json)
        {
            Console.Out.WriteLine(text);
            return ExitCodes.Ok;
        }

        var duplicate = body?["duplicate"]?.GetValue<bool>() == true;
        var lufs = body?["loudnessLufs"] is { } l ? string.Create(CultureInfo.InvariantCulture, $"{l.GetValue<double>():0.0} LUFS") : "silence (not amplified)";
        Console.Out.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"programme {body?["id"]}: '{body?["title"]}' ({body?["category"]}), {body?["durationSeconds"]?.GetValue<double>():0.0} s, {lufs}"));
        Console.Out.WriteLine(duplicate
            ? "duplicate: this file is already in the library (uploaded before as above); nothing was stored again"
            : "stored: encoded once, ready to schedule or play by its id");
        return ExitCodes.Ok;
    }

    private static JsonNode? Parse(string text)
    {
        try
        {
            return string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The file part: streamed from disk in blocks, reporting bytes sent; its length is known, so no chunking.</summary>
    private sealed class ProgressContent : HttpContent
    {
        private const int BlockBytes = 64 * 1024;
        private readonly FileStream _source;
        private readonly IProgress<long> _progress;

        public ProgressContent(FileStream source, IProgress<long> progress)
        {
            _source = source;
            _progress = progress;
            Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            // HttpClient may send the content again (a retried connection): always from the start.
            _source.Position = 0;
            var buffer = ArrayPool<byte>.Shared.Rent(BlockBytes);
            try
            {
                long sent = 0;
                int n;
                while ((n = await _source.ReadAsync(buffer.AsMemory(0, BlockBytes), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    await stream.WriteAsync(buffer.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
                    sent += n;
                    _progress.Report(sent);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _source.Length;
            return true;
        }
    }

    /// <summary>A transfer bar on a terminal (then "encoding on the controller" until the answer); plain lines when redirected.</summary>
    private static class UploadProgress
    {
        public static async Task<T> RunAsync<T>(string label, long total, Func<IProgress<long>, Task<T>> work)
        {
            if (!ProgressDisplay.Interactive)
            {
                return await work(new PlainProgress(label, total)).ConfigureAwait(false);
            }

            T? value = default;
            await AnsiConsole.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn(), new ElapsedTimeColumn())
                .StartAsync(async ctx =>
                {
                    var task = ctx.AddTask(Markup.Escape($"{label}: uploading"), maxValue: Math.Max(1, total));
                    var progress = new Progress<long>(sent =>
                    {
                        task.Value = sent;
                        if (sent >= total)
                        {
                            task.Description = Markup.Escape($"{label}: encoding on the controller");
                        }
                    });
                    value = await work(progress).ConfigureAwait(false);
                    task.Value = task.MaxValue;
                    task.Description = Markup.Escape($"{label}: done");
                }).ConfigureAwait(false);
            return value!;
        }

        private sealed class PlainProgress(string label, long total) : IProgress<long>
        {
            private int _lastDecile = -1;

            public void Report(long value)
            {
                var decile = total == 0 ? 10 : (int)(value * 10 / total);
                if (decile <= _lastDecile)
                {
                    return;
                }

                _lastDecile = decile;
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label}: upload {decile * 10}% ({value / 1048576.0:0.0} of {total / 1048576.0:0.0} MiB)"));
                if (decile == 10)
                {
                    Console.Error.WriteLine($"{label}: sent; the controller is decoding, normalising and encoding it");
                }
            }
        }
    }
}
