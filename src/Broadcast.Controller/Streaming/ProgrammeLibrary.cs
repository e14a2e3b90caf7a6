using Broadcast.Audio.Ingest;
using Broadcast.Audio.Pipeline;
using Broadcast.Controller.Hosting;
using Microsoft.Extensions.Options;

namespace Broadcast.Controller.Streaming;

/// <summary>
/// Turns the programme named in a request into frames: an Ogg Opus file is read as is; any other audio file goes
/// through <see cref="ProgrammeEncoder"/> first (loudness-normalised, 20 ms frames) into DataDir/library.
/// </summary>
internal sealed class ProgrammeLibrary(IOptions<ControllerOptions> options, TimeProvider time)
{
    public async Task<OpusProgramme> ResolveAsync(string programme, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(programme))
        {
            throw new ProgrammeException("no programme given: name an .opus file or any audio file");
        }

        var path = Path.GetFullPath(programme);
        if (!File.Exists(path))
        {
            throw new ProgrammeException($"programme file not found: {programme} (looked at {path})");
        }

        if (path.EndsWith(".opus", StringComparison.OrdinalIgnoreCase))
        {
            return OpusProgramme.Load(path);
        }

        var library = Path.Combine(Path.GetFullPath(options.Value.DataDir), "library");
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
}
