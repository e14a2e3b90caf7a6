namespace Broadcast.FirmwareSim.Cluster;

/// <summary>A setup problem a technician can fix (missing credentials file, bad topology, bad key).</summary>
public sealed class SimulatorSetupException : Exception
{
    public SimulatorSetupException()
    {
    }

    public SimulatorSetupException(string message)
        : base(message)
    {
    }

    public SimulatorSetupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
