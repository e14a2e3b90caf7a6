using System.CommandLine;
using System.Globalization;
using Broadcast.Audio.Codec;
using Broadcast.Audio.Pipeline;
using Broadcast.Cli.Output;

namespace Broadcast.Cli.Commands;

/// <summary><c>bcast encode IN OUT.opus</c>: any programme file to normalised, broadcast-ready Ogg Opus.</summary>
internal static class EncodeCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("input") { Description = "Programme file: WAV, MP3, M4A, WMA, OGG, FLAC or anything ffmpeg reads." };
        var output = new Argument<string>("output") { Description = "Ogg Opus file to write (written to a temporary name, renamed when complete)." };
        var bitrate = new Option<string>("--bitrate") { Description = "Opus bitrate, 6k to 128k.", DefaultValueFactory = _ => "32k" };
        var target = new Option<double>("--target-lufs") { Description = "Integrated loudness target (EBU R128), LUFS.", DefaultValueFactory = _ => -16 };
        var peak = new Option<double>("--max-true-peak") { Description = "True-peak ceiling after normalisation, dBTP.", DefaultValueFactory = _ => -1 };
        var title = new Option<string?>("--title") { Description = "Programme title stored in the file (default: the input file name)." };
        var complexity = new Option<int>("--complexity") { Description = "libopus complexity 0-10 (10: best quality, slowest).", DefaultValueFactory = _ => 10 };
        var frame = new Option<double>("--frame-ms") { Description = "Opus frame duration: 2.5, 5, 10, 20, 40 or 60 ms.", DefaultValueFactory = _ => 20 };
        var loss = new Option<int>("--expected-loss") { Description = "Expected packet loss % for in-band FEC (0 turns FEC off).", DefaultValueFactory = _ => 5 };
        var signal = new Option<OpusSignal>("--signal") { Description = "Encoder signal hint: Voice (speech programmes), Music, or Auto (let libopus decide).", DefaultValueFactory = _ => OpusSignal.Voice };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON on stdout." };

        var command = new Command("encode", "Decode, measure loudness, normalise and encode a programme to Ogg Opus.")
        {
            input, output, bitrate, target, peak, title, complexity, frame, loss, signal, json,
        };

        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            var bitrateText = parse.GetValue(bitrate)!;
            if (!BitrateParser.TryParse(bitrateText, out var bps))
            {
                throw new UsageException($"--bitrate '{bitrateText}' is not a bitrate; write it like 32k or 32000");
            }

            var expectedLoss = parse.GetValue(loss);
            var options = new ProgrammeEncoderOptions
            {
                TargetLufs = parse.GetValue(target),
                MaxTruePeakDbtp = parse.GetValue(peak),
                Title = parse.GetValue(title),
                Opus = new OpusEncoderSettings
                {
                    Bitrate = bps,
                    Complexity = parse.GetValue(complexity),
                    FrameDurationMs = parse.GetValue(frame),
                    InBandFec = expectedLoss > 0,
                    ExpectedLossPercent = expectedLoss,
                    Signal = parse.GetValue(signal),
                },
            };
            options.Validate();

            var inPath = parse.GetValue(input)!;
            var outPath = parse.GetValue(output)!;
            var encoder = new ProgrammeEncoder();
            var result = await ProgressDisplay.RunAsync(
                Path.GetFileName(inPath),
                progress => encoder.EncodeAsync(inPath, outPath, options, progress, ct)).ConfigureAwait(false);

            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(ResultJson.Encode(result));
            }
            else
            {
                Console.Out.WriteLine(Summary(result));
            }

            if (result.Silent)
            {
                Console.Error.WriteLine($"bcast: warning: {inPath}: no programme loudness could be measured (silence); kept at its level, not amplified");
            }
            else if (result.PeakLimited)
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bcast: warning: {inPath}: peaks allow only {result.OutputLufs:0.0} LUFS without exceeding {options.MaxTruePeakDbtp:0.0} dBTP; gain was capped"));
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static string Summary(EncodeResult r) => string.Create(
        CultureInfo.InvariantCulture,
        $"{r.OutputPath}: {r.DurationSeconds:0.00} s, {Lufs(r.SourceLufs)} -> {Lufs(r.OutputLufs)} (gain {r.GainDb:+0.0;-0.0;0.0} dB), true peak {r.OutputTruePeakDbtp:0.0} dBTP, {r.OutputBytes / 1024.0:0.0} KiB");

    private static string Lufs(double v) => double.IsNegativeInfinity(v) ? "-inf LUFS" : string.Create(CultureInfo.InvariantCulture, $"{v:0.0} LUFS");
}
