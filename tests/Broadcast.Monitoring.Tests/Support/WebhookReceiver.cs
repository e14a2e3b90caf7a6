using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Broadcast.Monitoring.Tests.Support;

/// <summary>A loopback HTTP endpoint that records every POST body and answers with the statuses it is told to.</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _answers = new();
    private readonly ConcurrentQueue<string> _bodies = new();
    private readonly ConcurrentQueue<string> _contentTypes = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WebhookReceiver(WebApplication app) => _app = app;

    public string Url { get; private set; } = string.Empty;

    /// <summary>Bodies received, oldest first.</summary>
    public IReadOnlyList<string> Bodies => [.. _bodies];

    /// <summary>The Content-Type of each request, oldest first.</summary>
    public IReadOnlyList<string> ContentTypes => [.. _contentTypes];

    /// <summary>Requests answered while this is true hang until <see cref="Release"/> or until the client gives up.</summary>
    public bool Hang { get; set; }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook", receiver.HandleAsync);
        await app.StartAsync();
        receiver.Url = app.Urls.Single() + "/hook";
        return receiver;
    }

    /// <summary>The statuses to answer the next requests with, in order; 200 once they are used up.</summary>
    public void AnswerNext(params int[] statuses)
    {
        foreach (var status in statuses)
        {
            _answers.Enqueue(status);
        }
    }

    /// <summary>Waits (at most 30 s of real time, a safety net only) for the request number <paramref name="count"/>.</summary>
    public async Task WaitForAsync(int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (_bodies.Count < count)
        {
            await _arrived.WaitAsync(timeout.Token);
        }
    }

    public void Release() => _release.TrySetResult();

    public static JsonElement Parse(string body) => JsonDocument.Parse(body).RootElement;

    public async ValueTask DisposeAsync()
    {
        Release();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _arrived.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        _contentTypes.Enqueue(context.Request.ContentType ?? string.Empty);
        _bodies.Enqueue(body);
        _arrived.Release();
        if (Hang)
        {
            await _release.Task.WaitAsync(context.RequestAborted);
        }

        context.Response.StatusCode = _answers.TryDequeue(out var status) ? status : StatusCodes.Status200OK;
    }
}
