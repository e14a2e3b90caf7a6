using Broadcast.Library.Bulletins;
using Broadcast.Library.Storage;
using Broadcast.Library.Uploads;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Broadcast.Library.Speech;

/// <summary>
/// Makes a bulletin from text, for a commune without a studio: the text is read by <see cref="ISpeechSynthesizer"/>
/// into a WAV file in the library's <c>incoming/</c> folder, which then goes through the normal upload ingest
/// (normalised, encoded once, deduplicated), so the result is an ordinary programme, in draft or submitted for
/// approval. The text and voice are kept with it for the approver to read.
/// </summary>
public sealed class SpeechBulletins(ProgrammeStore store, ISpeechSynthesizer synthesizer, IOptions<SpeechOptions> options, TimeProvider time, ILogger<SpeechBulletins> logger)
{
    /// <summary>Reads <paramref name="request"/> aloud and stores it as a programme; submitted for approval when <paramref name="submit"/>.</summary>
    /// <returns>The programme and whether the same speech was stored before (same text, voice and rate give the same bytes).</returns>
    /// <exception cref="BulletinException">Bad text or voice (400), espeak-ng missing (503) or failing (500).</exception>
    /// <exception cref="ProgrammeUploadException">Bad title, category or commune (400), or the library cannot be written.</exception>
    public async Task<UploadResult> CreateAsync(SpeechRequest request, string actor, bool submit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = options.Value;
        var voice = SpeechText.Voice(request.Voice, settings);
        var text = SpeechText.Clean(request.Text, settings.MaxTextLength);
        var upload = new ProgrammeUpload(request.Title, request.Category, request.Commune);
        var fileName = $"tts-{voice}.wav";
        store.CheckUpload(upload, fileName, actor);

        var folder = IncomingFolder.Create(store.IncomingDirectory);
        try
        {
            var wav = Path.Combine(folder, fileName);
            var started = time.GetTimestamp();
            await synthesizer.RenderAsync(text, voice, wav, cancellationToken).ConfigureAwait(false);
            LibraryLog.SpeechRendered(logger, voice, text.Length, (long)time.GetElapsedTime(started).TotalMilliseconds);

            UploadResult result;
            await using (var content = File.OpenRead(wav))
            {
                result = await store.UploadAsync(content, fileName, upload, actor, progress: null, cancellationToken).ConfigureAwait(false);
            }

            var record = result.Record.SpeechText is null ? store.RecordSpeech(result.Record.Id, text, voice, actor) : result.Record;
            if (submit && record.State is ProgrammeState.Draft or ProgrammeState.Rejected)
            {
                record = store.Submit(record.Id, actor);
            }

            return result with { Record = record };
        }
        finally
        {
            IncomingFolder.TryDelete(folder);
        }
    }
}
