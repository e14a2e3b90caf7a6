namespace Broadcast.Protocol.Lab;

/// <summary>
/// Lab mode sends plain (unauthenticated) RTP so technicians can check interop with ffmpeg/VLC. It defeats every
/// protection of this protocol, so it is off by default, refused in production, and warned about every minute.
/// </summary>
public static class LabModePolicy
{
    /// <summary>Interval between warnings while lab mode is on.</summary>
    public static readonly TimeSpan WarningInterval = TimeSpan.FromMinutes(1);

    /// <summary>Decides from the configured flag and the host environment name ("Production" refuses).</summary>
    public static LabModeDecision Evaluate(bool requested, string? environmentName)
    {
        if (!requested)
        {
            return LabModeDecision.Off;
        }

        return string.Equals(environmentName, "Production", StringComparison.OrdinalIgnoreCase)
            ? LabModeDecision.RefusedInProduction
            : LabModeDecision.On;
    }
}
