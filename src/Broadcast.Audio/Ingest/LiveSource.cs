using System.Text.RegularExpressions;

namespace Broadcast.Audio.Ingest;

/// <summary>
/// A live input an operator names for a relay: an HTTP/Icecast/HLS stream, an RTP or UDP (MPEG-TS) stream, an SDP
/// file describing an RTP stream, or a capture device. Unlike uploaded files (<see cref="FfmpegInputPolicy"/>,
/// <c>file:</c> only), a live source is chosen by the operator, so ffmpeg may open the network protocols of its own
/// kind, and only those: an HTTP stream cannot pull in local files, an SDP file cannot reach HTTP.
/// </summary>
public sealed partial class LiveSource
{
    /// <summary>Demuxers a network stream may use: what radio stations and encoders send (Icecast MP3/AAC/Ogg, HLS, MPEG-TS, WAV).</summary>
    private const string StreamFormats = "mp3,aac,ogg,wav,flac,mpegts,hls,matroska,webm,mov,asf,flv";

    private LiveSource(LiveSourceKind kind, string input, string display)
    {
        Kind = kind;
        Input = input;
        Display = display;
    }

    /// <summary>What kind of input this is.</summary>
    public LiveSourceKind Kind { get; }

    /// <summary>The input exactly as given to ffmpeg (may hold credentials: never log it, use <see cref="Display"/>).</summary>
    public string Input { get; }

    /// <summary>The input for logs, the API and the audit trail: user name and password of a URL removed.</summary>
    public string Display { get; }

    /// <summary>The accepted forms, for error messages.</summary>
    public const string Forms = "http(s)://HOST/PATH (Icecast, HLS), rtp://HOST:PORT, udp://HOST:PORT (MPEG-TS), a .sdp file, alsa:DEVICE or pulse:DEVICE";

    /// <summary>Parses an operator's live source; on failure <paramref name="error"/> says what is accepted.</summary>
    public static bool TryParse(string? text, out LiveSource? source, out string? error)
    {
        source = null;
        error = null;
        var value = text?.Trim() ?? string.Empty;
        if (value.Length == 0)
        {
            error = $"no live source given: use {Forms}";
            return false;
        }

        if (value.StartsWith("alsa:", StringComparison.OrdinalIgnoreCase) || value.StartsWith("pulse:", StringComparison.OrdinalIgnoreCase))
        {
            var colon = value.IndexOf(':', StringComparison.Ordinal);
            var device = value[(colon + 1)..];
            var kind = colon == 4 ? LiveSourceKind.Alsa : LiveSourceKind.Pulse;
            if (!DeviceName().IsMatch(device))
            {
                error = $"'{value}': the device name after '{value[..(colon + 1)]}' must be like hw:1,0, plughw:CARD=USB,DEV=0 or default";
                return false;
            }

            source = new LiveSource(kind, device, value);
            return true;
        }

        if (value.EndsWith(".sdp", StringComparison.OrdinalIgnoreCase) && !value.Contains("://", StringComparison.Ordinal))
        {
            var path = Path.GetFullPath(value);
            if (!File.Exists(path))
            {
                error = $"SDP file not found: {path}";
                return false;
            }

            source = new LiveSource(LiveSourceKind.Sdp, path, path);
            return true;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.IsFile || uri.IsUnc)
        {
            error = $"'{Redact(value)}' is not a live source: use {Forms}; recorded files are played with bcast play";
            return false;
        }

        var scheme = uri.Scheme.ToLowerInvariant();
        var streamKind = scheme switch
        {
            "http" or "https" => LiveSourceKind.Http,
            "rtp" => LiveSourceKind.Rtp,
            "udp" => LiveSourceKind.Udp,
            _ => (LiveSourceKind?)null,
        };
        if (streamKind is null)
        {
            error = $"'{Redact(value)}': {scheme}: is not a live source protocol Broadcast relays; use {Forms}";
            return false;
        }

        if (string.IsNullOrEmpty(uri.Host) || (streamKind is LiveSourceKind.Rtp or LiveSourceKind.Udp && uri.IsDefaultPort))
        {
            error = $"'{Redact(value)}': give a host{(streamKind is LiveSourceKind.Rtp or LiveSourceKind.Udp ? " and a port" : string.Empty)}, e.g. {scheme}://127.0.0.1:5008";
            return false;
        }

        source = new LiveSource(streamKind.Value, value, Redact(value));
        return true;
    }

    /// <summary>Removes the user-info part (user name, password) of anything URL-like, for logs and error messages.</summary>
    public static string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return UserInfo().Replace(text, "$1");
    }

    /// <summary>ffmpeg arguments that open this input: its protocol and format limits, then <c>-i</c> and the input.</summary>
    internal IEnumerable<string> InputArguments() => Kind switch
    {
        LiveSourceKind.Http => ["-protocol_whitelist", "http,https,tcp,tls,crypto", "-format_whitelist", StreamFormats, "-i", Input],
        LiveSourceKind.Rtp => ["-protocol_whitelist", "rtp,udp", "-format_whitelist", "rtp", "-i", Input],
        LiveSourceKind.Udp => ["-protocol_whitelist", "udp", "-format_whitelist", StreamFormats, "-i", Input],
        LiveSourceKind.Sdp => ["-protocol_whitelist", "file,rtp,udp", "-format_whitelist", "sdp,rtp", "-i", "file:" + Input],
        LiveSourceKind.Alsa => ["-f", "alsa", "-i", Input],
        LiveSourceKind.Pulse => ["-f", "pulse", "-i", Input],
        _ => throw new InvalidOperationException($"unknown live source kind {Kind}"),
    };

    /// <summary>The redacted form: a URL's password must not reach a log line through string formatting.</summary>
    public override string ToString() => Display;

    [GeneratedRegex(@"^[A-Za-z0-9_.,:=-]{1,100}$")]
    private static partial Regex DeviceName();

    [GeneratedRegex(@"([A-Za-z][A-Za-z0-9+.-]*://)[^/@\s]*@")]
    private static partial Regex UserInfo();
}
