using System.ComponentModel.DataAnnotations;

namespace Broadcast.Controller.Mqtt;

/// <summary>MQTT broker settings, section <c>Broker</c>.</summary>
public sealed class BrokerOptions
{
    public const string Section = "Broker";

    public BrokerMode Mode { get; set; } = BrokerMode.Embedded;

    /// <summary>Address the embedded broker binds to, or the external broker's host.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Host { get; set; } = "127.0.0.1";

    [Range(1, 65535)]
    public int Port { get; set; } = 1883;

    public string? Username { get; set; }

    public string? Password { get; set; }

    [Required(AllowEmptyStrings = false)]
    public string ClientId { get; set; } = "bcast-controller";

    /// <summary>Pause between reconnect attempts of the controller's own client.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);
}
