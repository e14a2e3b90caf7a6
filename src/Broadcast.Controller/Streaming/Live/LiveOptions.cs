using System.ComponentModel.DataAnnotations;

namespace Broadcast.Controller.Streaming.Live;

/// <summary>Live relay settings, section <c>Live</c> of <c>config/appsettings.json</c>.</summary>
public sealed class LiveOptions
{
    public const string Section = "Live";

    /// <summary>ffmpeg executable that decodes live inputs (a name on the PATH or a full path).</summary>
    [Required(AllowEmptyStrings = false)]
    public string Ffmpeg { get; set; } = "ffmpeg";

    /// <summary>
    /// Audio held before a live source goes on air, and again after every stall: it absorbs the burstiness of the
    /// input (ffmpeg writes ~50 ms at a time, networks deliver in bursts) and adds to the relay's latency.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.040", "00:00:05")]
    public TimeSpan Cushion { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Most audio buffered between ffmpeg and the pacer. A source faster than real time (a file served over HTTP) is
    /// held back here; a real-time source keeps about <see cref="Cushion"/> in it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.200", "00:00:30")]
    public TimeSpan MaxBuffer { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>First wait after an input failure; each further failure doubles it up to <see cref="RetryMax"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan RetryInitial { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan RetryMax { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>An input that delivers no audio for this long is treated as failed and restarted (ffmpeg waits forever on a silent socket).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Opus bitrate of the relay, bits/s (the same 32 kb/s as recorded programmes by default).</summary>
    [Range(6000, 128000)]
    public int Bitrate { get; set; } = 32000;
}
