namespace Broadcast.Controller.Mqtt;

/// <summary>Where the MQTT broker runs.</summary>
public enum BrokerMode
{
    /// <summary>MQTTnet.Server inside the controller process; it reports client addresses for the binding check.</summary>
    Embedded = 0,

    /// <summary>A broker run apart (e.g. Mosquitto); the binding is then checked on the UDP registration.</summary>
    External = 1,
}
