using Broadcast.Audio.Pipeline;
using Spectre.Console;

namespace Broadcast.Cli.Output;

/// <summary>
/// A progress bar on a terminal; plain "progress: 42%" lines (at most one per 10%) when output is redirected,
/// so logs of scripted runs stay readable.
/// </summary>
internal static class ProgressDisplay
{
    public static bool Interactive => !Console.IsErrorRedirected && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    public static async Task<T> RunAsync<T>(string label, Func<IProgress<EncodeProgress>, Task<T>> work)
    {
        if (!Interactive)
        {
            var plain = new PlainProgress(label);
            var result = await work(plain).ConfigureAwait(false);
            return result;
        }

        T? value = default;
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(label), maxValue: 100);
                var progress = new Progress<EncodeProgress>(p =>
                {
                    task.Description = Markup.Escape($"{label}: {Describe(p.Phase)}");
                    if (p.Fraction is { } f)
                    {
                        task.Value = f * 100;
                    }
                    else
                    {
                        task.IsIndeterminate = true;
                    }
                });
                value = await work(progress).ConfigureAwait(false);
                task.Value = 100;
            }).ConfigureAwait(false);
        return value!;
    }

    private static string Describe(EncodePhase phase) => phase switch
    {
        EncodePhase.Measuring => "decoding and measuring loudness",
        EncodePhase.Encoding => "normalising and encoding",
        _ => "done",
    };

    private sealed class PlainProgress(string label) : IProgress<EncodeProgress>
    {
        private int _lastDecile = -1;

        public void Report(EncodeProgress value)
        {
            if (value.Fraction is not { } f)
            {
                return;
            }

            var decile = (int)(f * 10);
            if (decile > _lastDecile)
            {
                _lastDecile = decile;
                Console.Error.WriteLine($"{label}: {decile * 10}% ({Describe(value.Phase)}, {value.ProcessedSeconds:0} s of audio)");
            }
        }
    }
}
