namespace Broadcast.Audio.Ingest;

/// <summary>
/// What ffmpeg and ffprobe may open when they read a programme file. Uploaded files are untrusted: without limits a
/// crafted playlist (HLS, concat) makes ffmpeg read other local files or fetch URLs and encode what it finds into the
/// "programme". Inputs are therefore opened as <c>file:</c> only, and only through the demuxers of audio containers.
/// </summary>
internal static class FfmpegInputPolicy
{
    /// <summary>Demuxers for the formats stations receive (wav, mp3, m4a/mp4, wma, ogg/opus, flac, mkv/webm, ...).</summary>
    public const string Formats = "wav,w64,rf64,mp3,mp2,aac,mov,asf,ogg,flac,matroska,webm,aiff,amr,ac3,eac3,caf,au,wv,ape,mpc,tta,dts,mpegts,avi,flv";

    /// <summary>Arguments that go before the input path, followed by the path in <c>file:</c> form.</summary>
    public static IEnumerable<string> InputArguments(string path) =>
        ["-format_whitelist", Formats, "-protocol_whitelist", "file", "-i", "file:" + Path.GetFullPath(path)];

    /// <summary>The same restriction for ffprobe, which takes the input without -i.</summary>
    public static IEnumerable<string> ProbeArguments(string path) =>
        ["-format_whitelist", Formats, "-protocol_whitelist", "file", "file:" + Path.GetFullPath(path)];
}
