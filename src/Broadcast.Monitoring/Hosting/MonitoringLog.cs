using Broadcast.Monitoring.Alerts;
using Microsoft.Extensions.Logging;

namespace Broadcast.Monitoring.Hosting;

internal static partial class MonitoringLog
{
    [LoggerMessage(EventId = 8101, EventName = "MonitorStarted", Level = LogLevel.Information, Message = "Monitor started: {Active} active alerts in {Path}, polling every {Interval}")]
    public static partial void Started(ILogger logger, int active, string path, TimeSpan interval);

    [LoggerMessage(EventId = 8102, EventName = "AlertRaised", Level = LogLevel.Warning, Message = "Alert {Id} raised ({Kind}, {Severity}): {Message}")]
    public static partial void Raised(ILogger logger, long id, AlertKind kind, AlertSeverity severity, string message);

    [LoggerMessage(EventId = 8103, EventName = "AlertResolved", Level = LogLevel.Information, Message = "Alert {Id} resolved ({Kind} {Subject})")]
    public static partial void Resolved(ILogger logger, long id, AlertKind kind, string subject);

    [LoggerMessage(EventId = 8104, EventName = "AlertAcknowledged", Level = LogLevel.Information, Message = "Alert {Id} acknowledged by {Actor}")]
    public static partial void Acknowledged(ILogger logger, long id, string actor);

    [LoggerMessage(EventId = 8105, EventName = "PollFailed", Level = LogLevel.Error, Message = "Monitor poll failed; the next poll tries again")]
    public static partial void PollFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 8110, EventName = "WebhookDelivered", Level = LogLevel.Debug, Message = "Webhook {Event} of alert {Id} delivered to {Host} (attempt {Attempt})")]
    public static partial void WebhookDelivered(ILogger logger, string @event, long id, string host, int attempt);

    [LoggerMessage(EventId = 8111, EventName = "WebhookAttemptFailed", Level = LogLevel.Warning, Message = "Webhook {Event} of alert {Id} to {Host} failed (attempt {Attempt} of {Attempts}): {Problem}")]
    public static partial void WebhookAttemptFailed(ILogger logger, string @event, long id, string host, int attempt, int attempts, string problem);

    [LoggerMessage(EventId = 8112, EventName = "WebhookGaveUp", Level = LogLevel.Error, Message = "Webhook {Event} of alert {Id} to {Host} not delivered: {Problem}; the alert stays visible in the console and the API")]
    public static partial void WebhookGaveUp(ILogger logger, string @event, long id, string host, string problem);

    [LoggerMessage(EventId = 8113, EventName = "WebhookQueueFull", Level = LogLevel.Error, Message = "Webhook queue full ({Capacity} messages waiting for {Host}); {Event} of alert {Id} dropped")]
    public static partial void WebhookQueueFull(ILogger logger, int capacity, string host, string @event, long id);

    [LoggerMessage(EventId = 8120, EventName = "AuditUnavailable", Level = LogLevel.Warning, Message = "Acknowledgement of alert {Id} by {Actor} saved but not recorded in the audit trail: {Problem}")]
    public static partial void AuditFailed(ILogger logger, long id, string actor, string problem);
}
