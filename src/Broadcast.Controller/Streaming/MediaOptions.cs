using System.ComponentModel.DataAnnotations;

namespace Broadcast.Controller.Streaming;

/// <summary>Media transport settings, section <c>Media</c>.</summary>
public sealed class MediaOptions
{
    public const string Section = "Media";

    /// <summary>UDP socket for media out and UDP registrations in (protocol section 11.1); port 0 picks a free one.</summary>
    [Required(AllowEmptyStrings = false)]
    public string UdpBind { get; set; } = "127.0.0.1:5004";

    /// <summary>Socket send buffer; 300 endpoints x 50 packets/s x ~130 bytes stay far below it.</summary>
    [Range(65536, 64 * 1024 * 1024)]
    public int SendBufferBytes { get; set; } = 4 * 1024 * 1024;
}
