using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Broadcast.Library.Bulletins;
using Microsoft.Extensions.Options;

namespace Broadcast.Library.Speech;

/// <summary>
/// espeak-ng as a child process: started directly with an argument list (never through a shell), the text on its
/// standard input (so no text can be read as an option, and length is not bound by the command line), the WAV
/// written to a file the caller owns. Stopped, with its children, when it runs past <see cref="SpeechOptions.TimeoutSeconds"/>.
/// </summary>
internal sealed class EspeakSynthesizer(IOptions<SpeechOptions> options, TimeProvider time) : ISpeechSynthesizer
{
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    public async Task RenderAsync(string text, string voice, string wavPath, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var start = new ProcessStartInfo(settings.Executable)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = Utf8,
            StandardErrorEncoding = Utf8,
        };
        // -b 1: the input is UTF-8; no -m, so "<" in a notice is read as text, not markup.
        foreach (var argument in new[] { "-v", voice, "-s", settings.WordsPerMinute.ToString(CultureInfo.InvariantCulture), "-b", "1", "-w", wavPath, "--stdin" })
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception($"{settings.Executable} did not start");
        }
        catch (Win32Exception ex)
        {
            throw new BulletinException(
                BulletinRefusal.Unavailable,
                $"text-to-speech is not available: cannot run '{settings.Executable}' ({ex.Message}); install the Debian package espeak-ng (./bcast serve installs it, or apt-get install espeak-ng) or set Speech:Executable",
                innerException: ex);
        }

        using (process)
        {
            var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
            var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(settings.TimeoutSeconds), time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            try
            {
                try
                {
                    await process.StandardInput.WriteAsync(text.AsMemory(), linked.Token).ConfigureAwait(false);
                    process.StandardInput.Close();
                }
                catch (IOException)
                {
                    // espeak-ng exited before reading everything (an unknown voice): its exit code and message say why.
                }

                await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                cancellationToken.ThrowIfCancellationRequested();
                throw new BulletinException(BulletinRefusal.Failed, $"text-to-speech: {settings.Executable} did not finish within {settings.TimeoutSeconds} s (Speech:TimeoutSeconds); nothing was stored");
            }

            await output.ConfigureAwait(false);
            var message = (await errors.ConfigureAwait(false)).Trim();
            if (process.ExitCode != 0)
            {
                throw message.Contains("voice does not exist", StringComparison.OrdinalIgnoreCase)
                    ? new BulletinException(BulletinRefusal.Unavailable, $"text-to-speech: espeak-ng has no voice '{voice}' on this controller ({message}); install the Debian package espeak-ng-data", field: "voice")
                    : new BulletinException(BulletinRefusal.Failed, $"text-to-speech: {settings.Executable} failed with exit code {process.ExitCode}: {FirstLine(message)}");
            }
        }
    }

    private static string FirstLine(string text) => text.Length == 0 ? "no message" : text.Split('\n')[0].Trim();
}
