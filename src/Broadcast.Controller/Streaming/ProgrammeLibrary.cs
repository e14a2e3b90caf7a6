using Broadcast.Audio.Ingest;
using Broadcast.Audio.Pipeline;
using Broadcast.Controller.Hosting;
using Broadcast.Library;
using Microsoft.Extensions.Options;

namespace Broadcast.Controller.Streaming;

/// <summary>
/// Turns the programmes named in a request into frames: a library id is looked up in the catalogue; an Ogg Opus file
/// is read as is; any other audio file goes through <see cref="ProgrammeEncoder"/> first (loudness-normalised, 20 ms
/// frames) into DataDir/play-cache (apart from the library, which holds uploads). A playlist becomes one programme whose parts follow each other without a gap.
/// </summary>
internal sealed class ProgrammeLibrary(IOptions<ControllerOptions> options, TimeProvider time, IProgrammeCatalog? catalog = null)
{
    public async Task<OpusProgramme> ResolveAsync(IReadOnlyList<string> items, string label, CancellationToken cancellationToken, bool emergency = false)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0)
        {
            throw new ProgrammeException("the playlist is empty: name at least one programme");
        }

        var parts = new List<OpusProgramme>(items.Count);
        foreach (var item in items)
        {
            parts.Add(await ResolveAsync(item, cancellationToken, emergency).ConfigureAwait(false));
        }

        return OpusProgramme.Concatenate(label, parts);
    }

    public async Task<OpusProgramme> ResolveAsync(string programme, CancellationToken cancellationToken, bool emergency = false)
    {
        if (string.IsNullOrWhiteSpace(programme))
        {
            throw new ProgrammeException("no programme given: name a library programme id, an .opus file or any audio file");
        }

        if (catalog?.Find(programme) is { } record)
        {
            // Only approved programmes air; an emergency may use any (flagged for review by RecordUse once it started).
            if (ApprovalGate.WhyNotPlayable(record, emergency) is { } notApproved)
            {
                throw new ProgrammeException(notApproved);
            }

            return OpusProgramme.Load(record.AudioPath);
        }

        var path = Path.GetFullPath(programme);
        if (!File.Exists(path))
        {
            throw new ProgrammeException($"programme not found: '{programme}' is neither a library programme id nor a file (looked at {path})");
        }

        if (path.EndsWith(".opus", StringComparison.OrdinalIgnoreCase))
        {
            return OpusProgramme.Load(path);
        }

        var library = Path.Combine(Path.GetFullPath(options.Value.DataDir), "play-cache");
        Directory.CreateDirectory(library);
        var info = new FileInfo(path);
        var encoded = Path.Combine(library, $"{Path.GetFileNameWithoutExtension(path)}.{info.Length:x}-{info.LastWriteTimeUtc.Ticks:x}.opus");
        if (!File.Exists(encoded))
        {
            try
            {
                await new ProgrammeEncoder(time).EncodeAsync(path, encoded, new ProgrammeEncoderOptions(), null, cancellationToken).ConfigureAwait(false);
            }
            catch (AudioIngestException ex)
            {
                throw new ProgrammeException($"{programme}: cannot be ingested: {ex.Message}", ex);
            }
        }

        return OpusProgramme.Load(encoded);
    }

    /// <summary>
    /// After a broadcast started: its library programmes are marked aired, and in an emergency the ones not approved are
    /// flagged for an approver's review. File paths and unknown ids are ignored by the catalogue.
    /// </summary>
    public void RecordUse(IReadOnlyList<string> items, string actor, long broadcastId, bool emergency)
    {
        if (catalog is null)
        {
            return;
        }

        foreach (var item in items)
        {
            if (emergency)
            {
                catalog.MarkFlaggedForReview(item, actor, $"broadcast {broadcastId}");
            }

            catalog.RecordAired(item);
        }
    }
}
