using System.ComponentModel.DataAnnotations;

namespace Broadcast.Controller.Lab;

/// <summary>
/// Lab mode settings, section <c>Lab</c> (docs/protocol.md section 14, docs/lab-mode.md): a plain RTP/Opus copy of
/// every broadcast for interop checks with ffmpeg or VLC. Off by default and refused in the Production environment.
/// </summary>
public sealed class LabOptions
{
    public const string Section = "Lab";

    /// <summary>Name of the SDP file written into <c>Controller:DataDir</c> while lab mode is on.</summary>
    public const string SdpFileName = "lab.sdp";

    /// <summary>Sends plain RTP next to the sealed stream; only honoured outside the Production environment.</summary>
    public bool Enabled { get; set; }

    /// <summary>Where the plain RTP goes (address:port; RTCP would be port + 1 and is not sent).</summary>
    [Required(AllowEmptyStrings = false)]
    public string Destination { get; set; } = "127.0.0.1:5006";
}
