using Broadcast.Monitoring.Alerts;
using Broadcast.Monitoring.Hosting;
using Broadcast.Monitoring.Notifications;
using Broadcast.Monitoring.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Broadcast.Monitoring.Tests;

public sealed class WebhookSenderTests
{
    private static readonly WebhookMessage First = Message(1);
    private static readonly WebhookMessage Second = Message(2);

    [Fact]
    public async Task Enqueue_ServerErrorThenSuccess_RetriedWithTheSameBody()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.AnswerNext(503);
        using var sender = await StartAsync(receiver.Url, new FakeTimeProvider(), retries: 2);

        sender.Enqueue(First);
        await sender.FlushAsync(CancellationToken.None);

        Assert.Equal(2, receiver.Bodies.Count);
        Assert.Equal(receiver.Bodies[0], receiver.Bodies[1]);
        Assert.Equal(1, WebhookReceiver.Parse(receiver.Bodies[1]).GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task Enqueue_ClientError_NotRetriedAndTheNextMessageStillGoes()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.AnswerNext(400);
        using var sender = await StartAsync(receiver.Url, new FakeTimeProvider(), retries: 3);

        sender.Enqueue(First);
        sender.Enqueue(Second);
        await sender.FlushAsync(CancellationToken.None);

        Assert.Equal([1L, 2L], receiver.Bodies.Select(b => WebhookReceiver.Parse(b).GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task Enqueue_FailingEveryTime_GivesUpAfterTheRetries()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.AnswerNext(500, 502, 503, 504, 500);
        using var sender = await StartAsync(receiver.Url, new FakeTimeProvider(), retries: 2);

        sender.Enqueue(First);
        await sender.FlushAsync(CancellationToken.None);

        Assert.Equal(3, receiver.Bodies.Count);
    }

    [Fact]
    public async Task Enqueue_ReceiverHangs_TimesOutOnTheClockAndRetries()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Hang = true;
        var time = new FakeTimeProvider();
        using var sender = await StartAsync(receiver.Url, time, retries: 1);

        sender.Enqueue(First);
        await receiver.WaitForAsync(1);
        receiver.Hang = false;
        time.Advance(TimeSpan.FromSeconds(10));
        await sender.FlushAsync(CancellationToken.None);

        Assert.Equal(2, receiver.Bodies.Count);
    }

    [Fact]
    public async Task Enqueue_NoWebhookConfigured_SendsNothing()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var sender = await StartAsync(null, new FakeTimeProvider(), retries: 0);

        sender.Enqueue(First);
        await sender.FlushAsync(CancellationToken.None);

        Assert.False(sender.Enabled);
        Assert.Empty(receiver.Bodies);
    }

    private static async Task<WebhookSender> StartAsync(string? url, TimeProvider time, int retries)
    {
        var options = new MonitoringOptions
        {
            WebhookUrl = url,
            WebhookRetries = retries,
            WebhookRetryDelay = TimeSpan.Zero,
            WebhookTimeout = TimeSpan.FromSeconds(10),
        };
        var clients = new ServiceCollection().AddHttpClient().BuildServiceProvider().GetRequiredService<IHttpClientFactory>();
        var sender = new WebhookSender(clients, Options.Create(options), time);
        await sender.StartAsync(CancellationToken.None);
        return sender;
    }

    private static WebhookMessage Message(long id) => new(
        WebhookMessage.RaisedEvent, id, AlertKind.EndpointOffline, AlertSeverity.Critical, $"BX-YT-0{id}", "Y Tý", "offline",
        MonitorRig.Start, null, 1, null);
}
