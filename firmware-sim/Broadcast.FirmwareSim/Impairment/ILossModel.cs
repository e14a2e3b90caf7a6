namespace Broadcast.FirmwareSim.Impairment;

/// <summary>Decides, packet by packet, whether the simulated link drops a packet.</summary>
internal interface ILossModel
{
    /// <summary>True when the next packet is lost.</summary>
    bool NextIsLost();
}
