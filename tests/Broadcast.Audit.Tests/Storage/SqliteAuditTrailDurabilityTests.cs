using Broadcast.Audit.Storage;
using Broadcast.Tests.Common;
using Xunit.Abstractions;

namespace Broadcast.Audit.Tests.Storage;

public sealed class SqliteAuditTrailDurabilityTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Reopen_KeepsEntriesAndContinuesTheSequenceAndChain()
    {
        var path = _dir.File("audit.db");
        var clock = AuditTestKit.Clock();
        using (var trail = AuditTestKit.Open(path, clock))
        {
            trail.Append(AuditTestKit.Event(detail: "một"));
            trail.Append(AuditTestKit.Event(detail: "hai"));
        }

        using var reopened = AuditTestKit.Open(path, clock);
        var third = reopened.Append(AuditTestKit.Event(detail: "ba"));

        Assert.Equal(3, third.Sequence);
        Assert.Equal(new[] { "một", "hai", "ba" }, reopened.Query(new AuditQuery()).Select(e => e.Detail));
        Assert.True(reopened.Verify().Intact);
    }

    [Fact]
    public void Open_UsesWalJournalAndFullSync()
    {
        using var trail = AuditTestKit.Open(_dir.File("audit.db"), AuditTestKit.Clock());

        Assert.Equal("wal", trail.ReadPragma("journal_mode"));
        Assert.Equal("2", trail.ReadPragma("synchronous")); // 2 = FULL
    }

    [Fact]
    public void Append_FilesCopiedWhileStillOpen_HoldTheEntry()
    {
        // What a kill -9 leaves behind: the database and its WAL as they are on disk, never closed or checkpointed.
        var path = _dir.File("audit.db");
        using var trail = AuditTestKit.Open(path, AuditTestKit.Clock());
        trail.Append(AuditTestKit.Event(detail: "trước"));
        trail.Append(AuditTestKit.Event(detail: "sau"));
        var crashed = Directory.CreateDirectory(_dir.File("crashed")).FullName;
        foreach (var suffix in new[] { string.Empty, "-wal" })
        {
            File.Copy(path + suffix, Path.Combine(crashed, "audit.db" + suffix));
        }

        using var recovered = AuditTestKit.Open(Path.Combine(crashed, "audit.db"), AuditTestKit.Clock());

        Assert.Equal(new[] { "trước", "sau" }, recovered.Query(new AuditQuery()).Select(e => e.Detail));
        Assert.True(recovered.Verify().Intact);
    }

    [Fact]
    public void Open_MissingDirectory_IsCreated()
    {
        var path = Path.Combine(_dir.Path, "data", "nested", "audit.db");

        using var trail = AuditTestKit.Open(path, AuditTestKit.Clock());
        trail.Append(AuditTestKit.Event());

        Assert.True(File.Exists(path));
    }

    [Fact]
    public void Open_FileThatIsNotADatabase_NamesTheFile()
    {
        var path = _dir.File("audit.db");
        File.WriteAllText(path, "this is a text file, not SQLite, and it is long enough to have a header page........");

        var ex = Assert.Throws<AuditStoreException>(() => AuditTestKit.Open(path, AuditTestKit.Clock()));

        Assert.StartsWith(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("not a SQLite database", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_SomeOtherSqliteDatabase_IsRefused()
    {
        var path = _dir.File("other.db");
        using (var c = AuditTestKit.Raw(path))
        {
            AuditTestKit.Exec(c, "CREATE TABLE programmes (id TEXT)");
        }

        var ex = Assert.Throws<AuditStoreException>(() => AuditTestKit.Open(path, AuditTestKit.Clock()));

        Assert.Contains("not an audit trail", ex.Message, StringComparison.Ordinal);
        using var check = AuditTestKit.Raw(path);
        Assert.Equal(0L, AuditTestKit.Scalar(check, "SELECT count(*) FROM sqlite_master WHERE name = 'audit_entry'"));
    }

    [Fact]
    public void Open_NewerFormat_IsRefusedWithTheVersion()
    {
        var path = _dir.File("audit.db");
        using (var c = AuditTestKit.Raw(path))
        {
            AuditTestKit.Exec(c, "PRAGMA user_version = 9");
        }

        var ex = Assert.Throws<AuditStoreException>(() => AuditTestKit.Open(path, AuditTestKit.Clock()));

        Assert.Contains("format 9", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConcurrentAppends_FourThreads_GiveGapFreeSequencesAndAnIntactChain()
    {
        const int perThread = 25;
        using var trail = AuditTestKit.Open(_dir.File("audit.db"), AuditTestKit.Clock());
        var seen = new long[4][];
        using var go = new ManualResetEventSlim();
        var threads = Enumerable.Range(0, 4).Select(t => new Thread(() =>
        {
            go.Wait();
            seen[t] = Enumerable.Range(0, perThread).Select(i => trail.Append(AuditTestKit.Event(subject: $"{t}:{i}")).Sequence).ToArray();
        })).ToList();
        threads.ForEach(t => t.Start());
        go.Set();
        threads.ForEach(t => t.Join());

        var all = seen.SelectMany(s => s).Order().ToArray();
        Assert.Equal(Enumerable.Range(1, 4 * perThread).Select(i => (long)i), all);
        Assert.All(seen, s => Assert.Equal(s.Order(), s));
        var stored = trail.Query(new AuditQuery(Limit: 1000));
        Assert.All(stored, e => Assert.Equal(e.Sequence, seen[int.Parse(e.Subject[..1], System.Globalization.CultureInfo.InvariantCulture)][int.Parse(e.Subject[2..], System.Globalization.CultureInfo.InvariantCulture)]));
        var verification = trail.Verify();
        Assert.True(verification.Intact, verification.Problem);
        Assert.Equal(4 * perThread, verification.EntriesChecked);
    }

    [Fact]
    public void Append_WhileAnotherHoldsTheWriter_QueuedAppendsShareOneCommit()
    {
        using var trail = AuditTestKit.Open(_dir.File("audit.db"), AuditTestKit.Clock());
        using var holding = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var holder = new Thread(() => trail.RunUnderWriterLock(() =>
        {
            holding.Set();
            release.Wait();
        }));
        holder.Start();
        holding.Wait();
        var results = new AuditEntry[3];
        var appenders = Enumerable.Range(0, 3).Select(i => new Thread(() => results[i] = trail.Append(AuditTestKit.Event(subject: $"{i}")))).ToList();
        appenders.ForEach(t => t.Start());
        var allQueued = SpinWait.SpinUntil(() => trail.QueuedCount == 3, TimeSpan.FromSeconds(30));
        var commitsBefore = trail.Commits;

        release.Set();
        holder.Join();
        appenders.ForEach(t => t.Join());

        Assert.True(allQueued);
        Assert.Equal(commitsBefore + 1, trail.Commits);
        Assert.Equal(new long[] { 1, 2, 3 }, results.Select(r => r.Sequence).Order());
        Assert.Equal(3, trail.Query(new AuditQuery()).Count);
        Assert.True(trail.Verify().Intact);
    }

    [Fact]
    public void TwoTrailsOnOneFile_AppendInTurn_ContinueOneChain()
    {
        // A second process (a future CLI verb) may open the same file: each append reads the last entry inside
        // SQLite's write lock, so neither forks the chain.
        var path = _dir.File("audit.db");
        using var a = AuditTestKit.Open(path, AuditTestKit.Clock());
        using var b = AuditTestKit.Open(path, AuditTestKit.Clock());

        var sequences = new[] { a.Append(AuditTestKit.Event()), b.Append(AuditTestKit.Event()), a.Append(AuditTestKit.Event()) }.Select(e => e.Sequence);

        Assert.Equal(new long[] { 1, 2, 3 }, sequences);
        Assert.True(b.Verify().Intact);
    }

    [Fact]
    public void Append_Throughput_IsReported()
    {
        // Each commit waits for an fsync of the WAL, so this measures the disk as much as the code; printed, not asserted.
        const int count = 100;
        using var trail = AuditTestKit.Open(_dir.File("audit.db"), AuditTestKit.Clock());
        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            trail.Append(AuditTestKit.Event());
        }

        var serial = watch.Elapsed;
        watch.Restart();
        var threads = Enumerable.Range(0, 4).Select(_ => new Thread(() =>
        {
            for (var i = 0; i < count / 4; i++)
            {
                trail.Append(AuditTestKit.Event());
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        var parallel = watch.Elapsed;

        Assert.Equal(2 * count, trail.LastSequence);
        output.WriteLine(FormattableString.Invariant(
            $"audit append (WAL, synchronous=FULL, {Path.GetTempPath()}): one thread {count / serial.TotalSeconds:F0} appends/s ({serial.TotalMilliseconds / count:F2} ms each); 4 threads {count / parallel.TotalSeconds:F0} appends/s (group commit)"));
    }
}
