namespace Broadcast.Audio.Ingest;

/// <summary>Kinds of <see cref="LiveSource"/>.</summary>
public enum LiveSourceKind
{
    /// <summary>http:// or https://: Icecast/Shoutcast, HLS, or any stream served over HTTP.</summary>
    Http,

    /// <summary>rtp://HOST:PORT with a static payload type (L16, PCMU/PCMA, MPA); other payloads need an SDP file.</summary>
    Rtp,

    /// <summary>udp://HOST:PORT carrying MPEG-TS (or another self-describing stream).</summary>
    Udp,

    /// <summary>An SDP file describing an RTP session (dynamic payload types such as Opus).</summary>
    Sdp,

    /// <summary>An ALSA capture device (alsa:hw:1,0).</summary>
    Alsa,

    /// <summary>A PulseAudio source (pulse:default).</summary>
    Pulse,
}
