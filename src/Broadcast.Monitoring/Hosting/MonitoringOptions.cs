using System.ComponentModel.DataAnnotations;

namespace Broadcast.Monitoring.Hosting;

/// <summary>Monitor and alert settings, section <c>Monitoring</c> of <c>config/appsettings.json</c>.</summary>
public sealed class MonitoringOptions
{
    public const string Section = "Monitoring";

    /// <summary>How often endpoints, security counters and the audit trail are looked at.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long an endpoint stays offline before an alert is raised, counted from when the controller marked it offline
    /// (itself after <c>Controller:MissedHeartbeats</c> missed heartbeats, or at once on its last will).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan OfflineAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Packet loss, in percent, at or above which an endpoint's loss raises an alert.</summary>
    [Range(0.01, 100.0)]
    public double LossThreshold { get; set; } = 5.0;

    /// <summary>How long the loss must stay below <see cref="LossThreshold"/> before its alert resolves (so a flapping link is one alert).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan LossClearAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Refused Hellos of one endpoint within <see cref="SecurityWindow"/> that raise an alert.</summary>
    [Range(1, 100_000)]
    public int HandshakeFailuresThreshold { get; set; } = 5;

    /// <summary>
    /// The window handshake failures are counted over; handshake and wrong-address alerts resolve after a whole window
    /// without a new event.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan SecurityWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>More than this many endpoints of one commune with the same kind of alert within <see cref="GroupWindow"/> make one group alert.</summary>
    [Range(1, 10_000)]
    public int GroupThreshold { get; set; } = 5;

    /// <summary>
    /// The window a storm is counted in. An endpoint alert also waits this long before it goes to the webhook, so a storm
    /// leaves as one message instead of a message per endpoint.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan GroupWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Optional http or https URL that receives each new and resolved alert as a JSON POST.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>How long one webhook POST may take before it counts as failed.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:02:00")]
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Further tries after a failed POST (network error, timeout, 5xx, 408, 429).</summary>
    [Range(0, 10)]
    public int WebhookRetries { get; set; } = 3;

    /// <summary>Wait before the first retry; doubled before each further one.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan WebhookRetryDelay { get; set; } = TimeSpan.FromSeconds(5);
}
