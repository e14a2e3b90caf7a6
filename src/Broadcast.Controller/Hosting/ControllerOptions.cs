using System.ComponentModel.DataAnnotations;

namespace Broadcast.Controller.Hosting;

/// <summary>Controller settings, section <c>Controller</c> of <c>config/appsettings.json</c>.</summary>
public sealed class ControllerOptions
{
    public const string Section = "Controller";

    /// <summary>Holds <c>controller.key.json</c> and <c>endpoints.json</c> (shared with <c>bcast endpoint provision</c>).</summary>
    [Required(AllowEmptyStrings = false)]
    public string DataDir { get; set; } = "data";

    /// <summary>District topology file, relative to the content root.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Topology { get; set; } = "config/district.bat-xat.json";

    /// <summary>Endpoint heartbeat period (protocol section 4.3); an endpoint is offline after <see cref="MissedHeartbeats"/> missed ones.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Heartbeat { get; set; } = TimeSpan.FromSeconds(15);

    [Range(1, 100)]
    public int MissedHeartbeats { get; set; } = 3;

    /// <summary>Channel key lifetime (protocol section 9).</summary>
    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00")]
    public TimeSpan RekeyInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often every member gets a SenderReport (protocol section 4.6).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan SenderReportInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Time from the start request to the first frame: lets ChannelKey and Play reach the members first.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan StartLead { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Added to the send time of frame 0 to give the channel's playout start (protocol section 11.2).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan PlayoutDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Fallback check of <c>DataDir/endpoints.json</c> (protocol section 10): if the file watcher misses a change
    /// (network file system, inotify limit), a revocation still takes effect within this period.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan RegistryCheckInterval { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Quiet time after a change of <c>endpoints.json</c> before it is read (coalesces bursts of file events).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan RegistryDebounce { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Volume an endpoint plays at when no volume was set for it (Command volume byte, protocol section 4.4).</summary>
    [Range(0, 100)]
    public int DefaultVolume { get; set; } = 80;

    /// <summary>
    /// Volume of emergency broadcasts, whatever volume was set for the endpoint (issue 4: emergencies ignore volume
    /// limits up to a configured maximum). A volume set on the emergency broadcast itself is capped at this.
    /// </summary>
    [Range(0, 100)]
    public int EmergencyVolume { get; set; } = 100;

    /// <summary>How often the controller logs one summary line of its metrics.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MetricsLogInterval { get; set; } = TimeSpan.FromMinutes(1);
}
