namespace Broadcast.Protocol.Rtp;

/// <summary>Opus over RTP constants, RFC 7587.</summary>
public static class OpusRtp
{
    /// <summary>Dynamic payload type (RFC 3551 section 6 range 96-127) used for Opus throughout.</summary>
    public const byte PayloadType = 111;

    /// <summary>RTP clock rate: always 48 000 Hz whatever the coded bandwidth (RFC 7587 section 4.1).</summary>
    public const int ClockRate = 48_000;

    /// <summary>One 20 ms frame per packet: 960 ticks of the 48 kHz clock.</summary>
    public const int SamplesPer20Ms = 960;

    /// <summary>Largest Opus packet (RFC 6716 section 3.4, R4: 1275 bytes per frame).</summary>
    public const int MaxPayloadSize = 1275;
}
