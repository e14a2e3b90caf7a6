using System.Net;
using System.Net.Http.Json;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using System.Threading.Channels;
using Broadcast.Monitoring.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Broadcast.Monitoring.Notifications;

/// <summary>
/// POSTs alert messages to <see cref="MonitoringOptions.WebhookUrl"/> from its own queue and loop, so a slow or dead
/// receiver never holds up the monitor: each POST has a timeout, failures are retried with a doubling delay, and what
/// still fails is logged and dropped (the alert stays in the console and the API).
/// </summary>
internal sealed class WebhookSender : BackgroundService
{
    public const string ClientName = "Broadcast.Monitoring.Webhook";

    // Storms are grouped, so even a district-wide outage is ~22 group messages; 256 leaves room for a receiver that is
    // down for a while without holding unbounded memory.
    internal const int Capacity = 256;

    // Vietnamese names as they are ("Y Tý", not "Y T\u00FD"): receivers often show the body to people as it came.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    private readonly Channel<Item> _queue = Channel.CreateBounded<Item>(new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly IHttpClientFactory _clients;
    private readonly MonitoringOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Uri? _url;

    public WebhookSender(IHttpClientFactory clients, IOptions<MonitoringOptions> options, TimeProvider time, ILogger<WebhookSender>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(options);
        _clients = clients;
        _options = options.Value;
        _time = time;
        _logger = logger ?? NullLogger<WebhookSender>.Instance;
        _url = string.IsNullOrWhiteSpace(_options.WebhookUrl) ? null : new Uri(_options.WebhookUrl.Trim(), UriKind.Absolute);
    }

    public bool Enabled => _url is not null;

    // Only the host goes to the log: the path of a webhook URL often carries its token.
    private string Host => _url?.Authority ?? "(none)";

    /// <summary>Queues a message; returns at once. Without a webhook URL it does nothing.</summary>
    public void Enqueue(WebhookMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (Enabled && !_queue.Writer.TryWrite(new Item(message, null)))
        {
            MonitoringLog.WebhookQueueFull(_logger, Capacity, Host, message.Event, message.Id);
        }
    }

    /// <summary>Completes when every message queued before this call has been delivered or given up on.</summary>
    internal async Task FlushAsync(CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _queue.Writer.WriteAsync(new Item(null, done), cancellationToken).ConfigureAwait(false);
        await done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var item in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                if (item.Message is { } message)
                {
                    await DeliverAsync(message, stoppingToken).ConfigureAwait(false);
                }

                item.Flushed?.TrySetResult();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown: what is still queued is dropped; the alerts themselves are saved.
        }
    }

    private async Task DeliverAsync(WebhookMessage message, CancellationToken stoppingToken)
    {
        var attempts = _options.WebhookRetries + 1;
        string problem = "not tried";
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            if (attempt > 1)
            {
                var delay = _options.WebhookRetryDelay * Math.Pow(2, attempt - 2);
                await Task.Delay(delay, _time, stoppingToken).ConfigureAwait(false);
            }

            var (delivered, retry, outcome) = await PostAsync(message, stoppingToken).ConfigureAwait(false);
            if (delivered)
            {
                MonitoringLog.WebhookDelivered(_logger, message.Event, message.Id, Host, attempt);
                return;
            }

            problem = outcome;
            if (!retry)
            {
                break;
            }

            if (attempt < attempts)
            {
                MonitoringLog.WebhookAttemptFailed(_logger, message.Event, message.Id, Host, attempt, attempts, problem);
            }
        }

        MonitoringLog.WebhookGaveUp(_logger, message.Event, message.Id, Host, problem);
    }

    private async Task<(bool Delivered, bool Retry, string Problem)> PostAsync(WebhookMessage message, CancellationToken stoppingToken)
    {
        using var timeout = new CancellationTokenSource(_options.WebhookTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, stoppingToken);
        try
        {
            var client = _clients.CreateClient(ClientName);
            using var content = JsonContent.Create(message, options: Json);
            using var response = await client.PostAsync(_url, content, linked.Token).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return (true, false, string.Empty);
            }

            var code = (int)response.StatusCode;
            var retry = code >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
            return (false, retry, $"HTTP {code} {response.ReasonPhrase}");
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
        {
            return (false, true, $"no answer within {_options.WebhookTimeout.TotalSeconds:0.#} s (Monitoring:WebhookTimeout)");
        }
        catch (HttpRequestException ex)
        {
            return (false, true, ex.Message);
        }
    }

    private sealed record Item(WebhookMessage? Message, TaskCompletionSource? Flushed);
}
