using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Broadcast.Audio.Pipeline;
using Broadcast.Cli.Output;

namespace Broadcast.Cli.Commands;

/// <summary>
/// <c>bcast sample</c>: makes a sample programme recorded too quietly (as many field recordings are), runs it through
/// the whole audio pipeline and shows before and after. <c>./bcast demo</c> plays it to the simulated district.
/// </summary>
internal static class SampleCommand
{
    public static Command Create()
    {
        var dir = new Option<string>("--out") { Description = "Directory for the sample and the encoded programme.", DefaultValueFactory = _ => Path.Combine("data", "demo") };
        var command = new Command("sample", "Make a sample programme, encode it, and show its loudness before and after.") { dir };
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            var outDir = parse.GetValue(dir)!;
            Directory.CreateDirectory(outDir);
            var sample = Path.Combine(outDir, "sample-programme.mp3");
            var encoded = Path.Combine(outDir, "sample-programme.opus");
            await MakeSampleAsync(sample, ct).ConfigureAwait(false);

            var before = await ProgrammeInspector.InspectAsync(sample, ct).ConfigureAwait(false);
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sample:  {sample} ({before.Codec}, {before.Channels} ch, {before.SampleRate} Hz, {before.DurationSeconds:0.0} s, {before.IntegratedLufs:0.0} LUFS, {before.TruePeakDbtp:0.0} dBTP)"));

            var result = await ProgressDisplay.RunAsync("sample-programme.mp3", p => new ProgrammeEncoder().EncodeAsync(sample, encoded, new ProgrammeEncoderOptions { Title = "Bản tin mẫu (sample bulletin)" }, p, ct)).ConfigureAwait(false);
            var after = await ProgrammeInspector.InspectAsync(encoded, ct).ConfigureAwait(false);
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"encoded: {encoded} ({after.Codec}, {after.Channels} ch, {after.SampleRate} Hz, {after.DurationSeconds:0.0} s, {after.IntegratedLufs:0.0} LUFS, {after.TruePeakDbtp:0.0} dBTP, {after.Bitrate / 1000.0:0.0} kb/s)"));
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"gain applied {result.GainDb:+0.0;-0.0} dB; play it with: ffplay {encoded}   or inspect: ./bcast inspect {encoded}"));
            return ExitCodes.Ok;
        }));
        return command;
    }

    // Stereo 44.1 kHz MP3, about -35 LUFS: two tones with syllable-rate envelopes, 20 s. Tonal on purpose: Opus at
    // 32 kb/s keeps the loudness of tones, so the figures shown after encoding are the normaliser's, not the codec's.
    private static async Task MakeSampleAsync(string path, CancellationToken ct)
    {
        var psi = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[]
        {
            "-hide_banner", "-nostdin", "-v", "error", "-y",
            "-f", "lavfi", "-i", "sine=frequency=220:duration=20,volume='0.2*(0.55+0.45*sin(2*PI*4*t))':eval=frame",
            "-f", "lavfi", "-i", "sine=frequency=330:duration=20,volume='0.12*(0.5+0.5*sin(2*PI*1.5*t))':eval=frame",
            "-filter_complex", "[0][1]amix=inputs=2:normalize=0,pan=stereo|c0=c0|c1=c0",
            "-ar", "44100", "-c:a", "libmp3lame", "-b:a", "128k", path,
        })
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi) ?? throw new UsageException("could not start ffmpeg to make the sample programme");
        var err = await p.StandardError.ReadToEndAsync(ct).ConfigureAwait(false);
        await p.WaitForExitAsync(ct).ConfigureAwait(false);
        if (p.ExitCode != 0)
        {
            throw new UsageException($"ffmpeg could not make the sample programme: {err.Trim()}");
        }
    }
}
