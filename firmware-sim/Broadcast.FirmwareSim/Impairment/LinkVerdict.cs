namespace Broadcast.FirmwareSim.Impairment;

/// <summary>What the simulated link did with one packet.</summary>
internal enum LinkVerdict
{
    /// <summary>Delivered after <see cref="ImpairedLink.Admit"/>'s delay.</summary>
    Deliver,

    /// <summary>Dropped by the loss model.</summary>
    Lost,

    /// <summary>Dropped because the link is in an outage.</summary>
    Outage,

    /// <summary>Dropped because the bandwidth queue was full.</summary>
    Bandwidth,
}
