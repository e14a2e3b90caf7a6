using Broadcast.Library.Storage;
using Broadcast.Library.Tests.Fakes;
using Broadcast.Library.Uploads;
using Broadcast.Tests.Common;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Broadcast.Library.Tests;

/// <summary>A store over a temp folder, a virtual clock, a recording audit trail and fakes for the optional services.</summary>
public sealed class LibraryKit : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 24, 5, 0, 0, TimeSpan.FromHours(7));

    private readonly TempDirectory _dir = new();
    private readonly List<ProgrammeStore> _stores = [];

    /// <param name="maxUploadBytes">Upload limit of the store.</param>
    /// <param name="withCommunes">Check communes against <see cref="FakeCommuneDirectory"/>.</param>
    /// <param name="prepare">Runs with the library folder before the store first opens it (to lay down an older database).</param>
    public LibraryKit(long maxUploadBytes = LibraryOptions.DefaultMaxUploadBytes, bool withCommunes = true, Action<string>? prepare = null)
    {
        MaxUploadBytes = maxUploadBytes;
        WithCommunes = withCommunes;
        try
        {
            if (prepare is not null)
            {
                Directory.CreateDirectory(LibraryDir);
                prepare(LibraryDir);
            }

            Store = Open();
        }
        catch
        {
            _dir.Dispose();
            throw;
        }
    }

    public FakeTimeProvider Time { get; } = new(Start);

    public RecordingAuditTrail Audit { get; } = new();

    public FakeProgrammeUsage Usage { get; } = new();

    public long MaxUploadBytes { get; }

    public bool WithCommunes { get; }

    public ProgrammeStore Store { get; private set; }

    public string LibraryDir => _dir.File("library");

    public string ObjectsDir => Path.Combine(LibraryDir, "objects");

    public string IncomingDir => Path.Combine(LibraryDir, "incoming");

    public string File(string name) => _dir.File(name);

    /// <summary>Closes the store and opens a new one over the same folder (as a controller restart does).</summary>
    public ProgrammeStore Reopen()
    {
        Store.Dispose();
        Store = Open();
        return Store;
    }

    /// <summary>Writes a mono 48 kHz 16-bit WAV of a sine and returns its path.</summary>
    public string Wav(string name, double seconds = 1, double frequency = 440, double dbfs = -30)
    {
        var path = _dir.File(name);
        Signals.WriteWav16(path, Signals.Sine(frequency, dbfs, seconds));
        return path;
    }

    public async Task<UploadResult> UploadAsync(string path, string title, string? category = null, string? commune = null, IProgress<Audio.Pipeline.EncodeProgress>? progress = null, string actor = "tester")
    {
        await using var content = System.IO.File.OpenRead(path);
        return await Store.UploadAsync(content, Path.GetFileName(path), new ProgrammeUpload(title, category, commune), actor, progress);
    }

    public static string[] FilesIn(string dir) => Directory.Exists(dir) ? Directory.GetFileSystemEntries(dir) : [];

    public void Dispose()
    {
        foreach (var store in _stores)
        {
            store.Dispose();
        }

        _dir.Dispose();
    }

    private ProgrammeStore Open()
    {
        var options = Options.Create(new LibraryOptions { Directory = LibraryDir, MaxUploadBytes = MaxUploadBytes });
        var store = new ProgrammeStore(options, Audit, Time, NullLogger<ProgrammeStore>.Instance, WithCommunes ? new FakeCommuneDirectory() : null, Usage);
        _stores.Add(store);
        return store;
    }
}
