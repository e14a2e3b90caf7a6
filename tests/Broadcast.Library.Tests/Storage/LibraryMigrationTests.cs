using Broadcast.Audit;
using Microsoft.Data.Sqlite;

namespace Broadcast.Library.Tests.Storage;

/// <summary>
/// A data directory made before the approval workflow: its <c>library.db</c> is written here by hand with the schema
/// of that time (version 1), then opened by the current store.
/// </summary>
public sealed class LibraryMigrationTests : IDisposable
{
    private const string DistrictId = "aaaaaaaaaaaa";
    private const string CommuneId = "bbbbbbbbbbbb";
    private const string ApprovedId = "cccccccccccc";

    // The schema of library.db before the approval workflow, as that version created it.
    private const string SchemaVersion1 = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS programmes (
            id TEXT PRIMARY KEY,
            content_hash TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL,
            title_folded TEXT NOT NULL,
            category TEXT NOT NULL,
            commune TEXT,
            commune_folded TEXT,
            owner TEXT NOT NULL,
            duration_seconds REAL NOT NULL,
            loudness_lufs REAL,
            size_bytes INTEGER NOT NULL,
            source_name TEXT,
            source_bytes INTEGER NOT NULL,
            created_at_ms INTEGER NOT NULL,
            created_by TEXT NOT NULL,
            approved_at_ms INTEGER,
            approved_by TEXT
        );
        CREATE INDEX IF NOT EXISTS ix_programmes_created ON programmes (created_at_ms);
        CREATE INDEX IF NOT EXISTS ix_programmes_category ON programmes (category, created_at_ms);
        PRAGMA user_version = 1;
        """;

    private static readonly DateTimeOffset Uploaded = new(2026, 10, 1, 8, 0, 0, TimeSpan.Zero);

    private LibraryKit? _kit;

    [Fact]
    public void Open_Version1File_RowsKeptWithTheirDocumentedStates()
    {
        _kit = new LibraryKit(prepare: dir => WriteVersion1(dir));

        var district = _kit.Store.Find(DistrictId)!;
        var commune = _kit.Store.Find(CommuneId)!;
        var approved = _kit.Store.Find(ApprovedId)!;

        Assert.Equal(("Bản tin sáng", "news", null, "operator", 61.5, -16.1), (district.Title, district.Category, district.Commune, district.CreatedBy, district.DurationSeconds, district.LoudnessLufs));
        Assert.Equal(("ban-tin.mp3", 123_456L, Uploaded), (district.SourceFileName, district.SourceBytes, district.CreatedAt));
        Assert.Equal(Path.Combine(_kit.ObjectsDir, new string('a', 64) + ".opus"), district.AudioPath);
        Assert.Equal((ProgrammeState.Approved, "migration", LibraryKit.Start), (district.State, district.ApprovedBy, district.ApprovedAt));

        Assert.Equal((ProgrammeState.Submitted, "bien-tap", Uploaded), (commune.State, commune.SubmittedBy, commune.SubmittedAt));
        Assert.Null(commune.ApprovedAt);

        Assert.Equal((ProgrammeState.Approved, "duyet", Uploaded.AddDays(1)), (approved.State, approved.ApprovedBy, approved.ApprovedAt));

        var entry = Assert.Single(_kit.Audit.Entries);
        Assert.Equal(("programme.migrate", AuditActors.System, "ok"), (entry.Action, entry.Actor, entry.Result));
        Assert.Contains("schema 1 -> 2: 1 programmes were already approved; 1 district programmes count as approved", entry.Detail, StringComparison.Ordinal);
        Assert.Contains("1 commune items were submitted for review", entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_Version1File_SearchAndNewUploadsWork()
    {
        _kit = new LibraryKit(prepare: dir => WriteVersion1(dir));

        Assert.Equal([CommuneId], _kit.Store.Search(new() { Text = "tiem chung" }).Items.Select(p => p.Id));
        Assert.Equal(3, _kit.Store.Search(new()).Total);
    }

    [Fact]
    public async Task Open_Version1File_NewUploadIsADraftBesideTheOldRows()
    {
        _kit = new LibraryKit(prepare: dir => WriteVersion1(dir));

        var fresh = (await _kit.UploadAsync(_kit.Wav("moi.wav", seconds: 0.3), "Mới")).Record;

        Assert.Equal(ProgrammeState.Draft, _kit.Store.Find(fresh.Id)!.State);
        Assert.Equal(4, _kit.Store.Search(new()).Total);
    }

    [Fact]
    public void Reopen_AfterUpgrade_NothingDecidedAgain()
    {
        _kit = new LibraryKit(prepare: dir => WriteVersion1(dir));
        // Steps an upgrade run a second time would undo: the commune item back to submitted, the district one re-approved.
        _kit.Store.Reject(CommuneId, new Library.Bulletins.BulletinActor("duyet") { Approval = Library.Bulletins.ApprovalScope.WholeDistrict }, "cũ");
        _kit.Store.Edit(DistrictId, "bien-tap", new Library.Bulletins.ProgrammeEdit(Title: "Bản tin sáng (mới)"));

        _kit.Reopen();

        Assert.Single(_kit.Audit.Entries, e => e.Action == "programme.migrate");
        Assert.Equal(ProgrammeState.Rejected, _kit.Store.Find(CommuneId)!.State);
        Assert.Equal((ProgrammeState.Submitted, (string?)null), (_kit.Store.Find(DistrictId)!.State, _kit.Store.Find(DistrictId)!.ApprovedBy));
        Assert.Equal(2, Version(_kit.LibraryDir));
    }

    [Fact]
    public void Open_Version1FileWithSomeColumnsAlreadyAdded_Upgrades()
    {
        // A half-done upgrade by hand (or an interrupted tool) left one new column behind without the version.
        _kit = new LibraryKit(prepare: dir =>
        {
            WriteVersion1(dir);
            Execute(dir, "ALTER TABLE programmes ADD COLUMN state TEXT NOT NULL DEFAULT 'draft';");
        });

        Assert.Equal(ProgrammeState.Submitted, _kit.Store.Find(CommuneId)!.State);
        Assert.Equal(2, Version(_kit.LibraryDir));
    }

    [Fact]
    public void Open_NewerSchema_RefusedNamingTheFile()
    {
        var ex = Assert.Throws<Library.Storage.LibraryStorageException>(() => new LibraryKit(prepare: dir => Execute(dir, "PRAGMA user_version = 9;")));

        Assert.Contains("library.db was written by a newer Broadcast (schema 9, this one knows 2)", ex.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _kit?.Dispose();

    private static void WriteVersion1(string dir)
    {
        Execute(dir, SchemaVersion1);
        var uploaded = Uploaded.ToUnixTimeMilliseconds();
        Execute(
            dir,
            $"""
            INSERT INTO programmes VALUES ('{DistrictId}', '{new string('a', 64)}', 'Bản tin sáng', 'ban tin sang', 'news', NULL, NULL, 'operator', 61.5, -16.1, 250000, 'ban-tin.mp3', 123456, {uploaded}, 'operator', NULL, NULL);
            INSERT INTO programmes VALUES ('{CommuneId}', '{new string('b', 64)}', 'Lịch tiêm chủng', 'lich tiem chung', 'health', 'Y Tý', 'y ty', 'bien-tap', 30, -16, 120000, 'lich.wav', 5000, {uploaded}, 'bien-tap', NULL, NULL);
            INSERT INTO programmes VALUES ('{ApprovedId}', '{new string('c', 64)}', 'Luật đất đai', 'luat dat dai', 'law', 'Y Tý', 'y ty', 'bien-tap', 90, -16, 400000, 'luat.mp3', 9000, {uploaded}, 'bien-tap', {Uploaded.AddDays(1).ToUnixTimeMilliseconds()}, 'duyet');
            """);
    }

    private static int Version(string dir)
    {
        using var connection = Connect(dir);
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Execute(string dir, string sql)
    {
        using var connection = Connect(dir);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static SqliteConnection Connect(string dir)
    {
        // Not pooled: the file must be closed before the store opens it, as after an old controller stopped.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(dir, "library.db"), Pooling = false }.ToString());
        connection.Open();
        return connection;
    }
}
