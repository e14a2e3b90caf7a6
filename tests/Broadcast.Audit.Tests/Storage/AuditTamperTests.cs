using Broadcast.Audit.Storage;
using Broadcast.Tests.Common;
using Microsoft.Data.Sqlite;

namespace Broadcast.Audit.Tests.Storage;

/// <summary>Someone opens audit.db with a SQLite tool and tries to rewrite history.</summary>
public sealed class AuditTamperTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _path;
    private readonly SqliteAuditTrail _trail;

    public AuditTamperTests()
    {
        _path = _dir.File("audit.db");
        var clock = AuditTestKit.Clock();
        _trail = AuditTestKit.Open(_path, clock);
        foreach (var detail in new[] { "một", "hai", "ba", "bốn", "năm" })
        {
            _trail.Append(AuditTestKit.Event(detail: detail));
            clock.Advance(TimeSpan.FromMinutes(1));
        }
    }

    public void Dispose()
    {
        _trail.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public void RawUpdate_IsRefusedByTheDatabase()
    {
        using var c = AuditTestKit.Raw(_path);

        var ex = Assert.Throws<SqliteException>(() => AuditTestKit.Exec(c, "UPDATE audit_entry SET detail = 'sửa' WHERE seq = 2"));

        Assert.Contains("append-only: UPDATE is refused", ex.Message, StringComparison.Ordinal);
        Assert.Equal("hai", _trail.Query(new AuditQuery(AfterSequence: 1, Limit: 1))[0].Detail);
    }

    [Fact]
    public void RawDelete_IsRefusedByTheDatabase()
    {
        using var c = AuditTestKit.Raw(_path);

        var ex = Assert.Throws<SqliteException>(() => AuditTestKit.Exec(c, "DELETE FROM audit_entry WHERE seq >= 4"));

        Assert.Contains("append-only: DELETE is refused", ex.Message, StringComparison.Ordinal);
        Assert.Equal(5, _trail.LastSequence);
    }

    [Fact]
    public void RawInsertOrReplaceOfAnExistingEntry_IsRefused()
    {
        using var c = AuditTestKit.Raw(_path);

        var ex = Assert.Throws<SqliteException>(() => AuditTestKit.Exec(c,
            "INSERT OR REPLACE INTO audit_entry (seq, at_utc, actor, action, subject, result, targets, communes, commune_keys, detail, hash) " +
            "SELECT seq, at_utc, actor, action, subject, result, targets, communes, commune_keys, 'sửa', hash FROM audit_entry WHERE seq = 3"));

        Assert.Contains("next sequence number", ex.Message, StringComparison.Ordinal);
        Assert.Equal("ba", _trail.Query(new AuditQuery(AfterSequence: 2, Limit: 1))[0].Detail);
    }

    [Fact]
    public void RawInsertSkippingASequence_IsRefused()
    {
        using var c = AuditTestKit.Raw(_path);

        var ex = Assert.Throws<SqliteException>(() => AuditTestKit.Exec(c,
            "INSERT INTO audit_entry (seq, at_utc, actor, action, subject, result, targets, communes, commune_keys, detail, hash) " +
            "SELECT 7, at_utc, actor, action, subject, result, targets, communes, commune_keys, detail, hash FROM audit_entry WHERE seq = 5"));

        Assert.Contains("next sequence number", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_Untouched_IsIntactAndHeadIsTheLastEntrysHash()
    {
        var result = _trail.Verify();

        using var c = AuditTestKit.Raw(_path);
        var lastHash = (byte[])AuditTestKit.Scalar(c, "SELECT hash FROM audit_entry WHERE seq = 5")!;
        Assert.Equal(new AuditVerification(true, 5, null, null, 5, Convert.ToHexStringLower(lastHash), true), result);
    }

    [Fact]
    public void StoredHashes_FollowTheDocumentedChainFormat()
    {
        using var c = AuditTestKit.Raw(_path);
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT seq, at_utc, hash FROM audit_entry ORDER BY seq LIMIT 2";
        using var reader = cmd.ExecuteReader();
        var previous = new byte[32];
        var details = new[] { "một", "hai" };
        while (reader.Read())
        {
            var seq = reader.GetInt64(0);
            var expected = AuditTestKit.ChainHash(previous, seq, reader.GetString(1), "local", "broadcast.start", "42", "ok", ["commune:Trịnh Tường"], ["Trịnh Tường"], details[seq - 1]);
            Assert.Equal(expected, (byte[])reader.GetValue(2));
            previous = expected;
        }

        Assert.Equal(["2025-03-01T01:00:00.0000000Z", "2025-03-01T01:01:00.0000000Z"], AtTexts(c));
    }

    [Fact]
    public void Verify_RowEditedAfterDroppingTriggers_ReportsThatSequence()
    {
        using (var c = AuditTestKit.Raw(_path))
        {
            AuditTestKit.DropTriggers(c);
            AuditTestKit.Exec(c, "UPDATE audit_entry SET detail = 'không có gì' WHERE seq = 3");
        }

        var result = _trail.Verify();

        Assert.False(result.Intact);
        Assert.Equal(3, result.FirstBrokenSequence);
        Assert.Equal(2, result.EntriesChecked);
        Assert.Equal(5, result.LastSequence);
        Assert.False(result.TriggersPresent);
        Assert.Contains("entry 3 does not match its hash", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_MiddleRowDeleted_ReportsTheMissingSequence()
    {
        using (var c = AuditTestKit.Raw(_path))
        {
            AuditTestKit.DropTriggers(c);
            AuditTestKit.Exec(c, "DELETE FROM audit_entry WHERE seq = 2");
        }

        var result = _trail.Verify();

        Assert.Equal(2, result.FirstBrokenSequence);
        Assert.Equal(1, result.EntriesChecked);
        Assert.Contains("entry 2 is missing (the next entry is 3)", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_RowEditedWithItsOwnHashRecomputed_ReportsTheNextSequence()
    {
        // A tamperer who knows the format recomputes entry 3's hash; entry 4 still chains to the old one.
        using (var c = AuditTestKit.Raw(_path))
        {
            AuditTestKit.DropTriggers(c);
            var previous = (byte[])AuditTestKit.Scalar(c, "SELECT hash FROM audit_entry WHERE seq = 2")!;
            var at = (string)AuditTestKit.Scalar(c, "SELECT at_utc FROM audit_entry WHERE seq = 3")!;
            var forged = AuditTestKit.ChainHash(previous, 3, at, "local", "broadcast.start", "42", "ok", ["commune:Trịnh Tường"], ["Trịnh Tường"], "không có gì");
            AuditTestKit.Exec(c, "UPDATE audit_entry SET detail = 'không có gì', hash = $h WHERE seq = 3", ("$h", forged));
        }

        var result = _trail.Verify();

        Assert.Equal(4, result.FirstBrokenSequence);
        Assert.Equal(3, result.EntriesChecked);
    }

    [Fact]
    public void Verify_CommuneSearchColumnEdited_IsReported()
    {
        // Hiding an entry from a commune's view without touching the hashed fields.
        using (var c = AuditTestKit.Raw(_path))
        {
            AuditTestKit.DropTriggers(c);
            AuditTestKit.Exec(c, "UPDATE audit_entry SET commune_keys = '' WHERE seq = 4");
        }

        Assert.Equal(new long[] { 1, 2, 3, 5 }, _trail.Query(new AuditQuery(Commune: "Trịnh Tường")).Select(e => e.Sequence));
        var result = _trail.Verify();

        Assert.Equal(4, result.FirstBrokenSequence);
        Assert.Contains("commune search column", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_OnlyTriggersDropped_IsNotIntactButNamesNoEntry()
    {
        using (var c = AuditTestKit.Raw(_path))
        {
            AuditTestKit.DropTriggers(c);
        }

        var result = _trail.Verify();

        Assert.False(result.Intact);
        Assert.False(result.TriggersPresent);
        Assert.Null(result.FirstBrokenSequence);
        Assert.Equal(5, result.EntriesChecked);
        Assert.Contains("triggers", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Reopen_AfterTriggersDropped_RestoresThem()
    {
        using (var c = AuditTestKit.Raw(_path))
        {
            AuditTestKit.DropTriggers(c);
        }

        using var reopened = AuditTestKit.Open(_path, AuditTestKit.Clock());
        using var again = AuditTestKit.Raw(_path);

        Assert.Throws<SqliteException>(() => AuditTestKit.Exec(again, "DELETE FROM audit_entry"));
        Assert.True(reopened.Verify().Intact);
    }

    [Fact]
    public void Query_ListEditedIntoGarbage_NamesTheEntryAndSaysToVerify()
    {
        using (var c = AuditTestKit.Raw(_path))
        {
            AuditTestKit.DropTriggers(c);
            AuditTestKit.Exec(c, "UPDATE audit_entry SET targets = 'not json' WHERE seq = 2");
        }

        var ex = Assert.Throws<AuditStoreException>(() => _trail.Query(new AuditQuery()));

        Assert.Contains("entry 2 has an unreadable targets list", ex.Message, StringComparison.Ordinal);
        Assert.Contains("verify", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, _trail.Verify().FirstBrokenSequence);
    }

    private static string[] AtTexts(SqliteConnection c)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT at_utc FROM audit_entry ORDER BY seq LIMIT 2";
        using var reader = cmd.ExecuteReader();
        var list = new List<string>();
        while (reader.Read())
        {
            list.Add(reader.GetString(0));
        }

        return [.. list];
    }
}
