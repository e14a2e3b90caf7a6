namespace Broadcast.Protocol.Lab;

/// <summary>Result of <see cref="LabModePolicy.Evaluate"/>.</summary>
public enum LabModeDecision
{
    /// <summary>Lab mode off (the default): only sealed media.</summary>
    Off = 0,

    /// <summary>Lab mode on: plain RTP allowed, warned about every minute.</summary>
    On = 1,

    /// <summary>Lab mode requested in a production configuration: the host MUST refuse to start.</summary>
    RefusedInProduction = 2,
}
