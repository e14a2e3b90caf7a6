using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Broadcast.Audio.Pipeline;
using Broadcast.Cli.Output;

namespace Broadcast.Cli.Commands;

/// <summary><c>bcast inspect FILE [--json]</c>: codec, format, duration, loudness and true peak of any audio file.</summary>
internal static class InspectCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "Audio file to inspect." };
        var json = new Option<bool>("--json") { Description = "Print JSON with keys codec, sampleRate, channels, durationSeconds, integratedLufs, truePeakDbtp, bitrate." };
        var command = new Command("inspect", "Show codec, channels, sample rate, duration, integrated loudness, true peak and bitrate of a file.") { file, json };
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            var r = await ProgrammeInspector.InspectAsync(parse.GetValue(file)!, ct).ConfigureAwait(false);
            Console.Out.WriteLine(parse.GetValue(json) ? Json(r) : Text(parse.GetValue(file)!, r));
            return ExitCodes.Ok;
        }));
        return command;
    }

    internal static string Json(InspectResult r) => ResultJson.Write(new JsonObject
    {
        ["codec"] = r.Codec,
        ["sampleRate"] = r.SampleRate,
        ["channels"] = r.Channels,
        ["durationSeconds"] = Math.Round(r.DurationSeconds, 3),
        ["integratedLufs"] = ResultJson.Finite(r.IntegratedLufs),
        ["truePeakDbtp"] = ResultJson.Finite(r.TruePeakDbtp),
        ["bitrate"] = r.Bitrate,
    });

    private static string Text(string path, InspectResult r)
    {
        var lufs = double.IsFinite(r.IntegratedLufs) ? r.IntegratedLufs.ToString("0.0", CultureInfo.InvariantCulture) + " LUFS" : "undefined (silence)";
        var peak = double.IsFinite(r.TruePeakDbtp) ? r.TruePeakDbtp.ToString("0.0", CultureInfo.InvariantCulture) + " dBTP" : "-inf dBTP";
        return string.Create(CultureInfo.InvariantCulture, $"""
            {path}
              codec        {r.Codec}
              channels     {r.Channels}
              sample rate  {r.SampleRate} Hz
              duration     {r.DurationSeconds:0.000} s
              loudness     {lufs}
              true peak    {peak}
              bitrate      {r.Bitrate / 1000.0:0.0} kb/s
            """);
    }
}
