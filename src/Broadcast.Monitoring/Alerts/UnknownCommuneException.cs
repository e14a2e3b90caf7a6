namespace Broadcast.Monitoring.Alerts;

/// <summary>A list asked for a commune the district topology does not have; the message says what to give instead.</summary>
public sealed class UnknownCommuneException : Exception
{
    public UnknownCommuneException(string message)
        : base(message)
    {
    }
}
