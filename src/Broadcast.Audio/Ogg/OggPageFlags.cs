namespace Broadcast.Audio.Ogg;

/// <summary>header_type_flag bits of an Ogg page (RFC 3533 §6).</summary>
[Flags]
internal enum OggPageFlags : byte
{
    None = 0,

    /// <summary>The first packet on this page continues one from the previous page.</summary>
    Continued = 0x01,

    /// <summary>Beginning of stream: first page of a logical bitstream.</summary>
    BeginOfStream = 0x02,

    /// <summary>End of stream: last page of a logical bitstream.</summary>
    EndOfStream = 0x04,
}
