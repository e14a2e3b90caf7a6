using System.Text;
using Broadcast.Audit.Export;
using Broadcast.Audit.Requests;
using Broadcast.Audit.Storage;
using Broadcast.Tests.Common;

namespace Broadcast.Audit.Tests.Storage;

public sealed class SqliteAuditTrailAppendQueryTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _clock = AuditTestKit.Clock();
    private readonly SqliteAuditTrail _trail;

    public SqliteAuditTrailAppendQueryTests() => _trail = AuditTestKit.Open(_dir.File("audit.db"), _clock);

    public void Dispose()
    {
        _trail.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public void Append_TwoEntries_NumbersFromOneAndStampsTheInjectedClock()
    {
        var first = _trail.Append(AuditTestKit.Event());
        _clock.Advance(TimeSpan.FromSeconds(90));
        var second = _trail.Append(AuditTestKit.Event(AuditActions.BroadcastStop));

        Assert.Equal(1, first.Sequence);
        Assert.Equal(2, second.Sequence);
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 1, 0, 0, TimeSpan.Zero), first.At);
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 1, 1, 30, TimeSpan.Zero), second.At);
        Assert.Equal(2, _trail.LastSequence);
    }

    [Fact]
    public void Query_AfterAppend_ReturnsEveryFieldAsWritten()
    {
        _clock.SetUtcNow(new DateTimeOffset(2025, 3, 1, 1, 2, 3, TimeSpan.Zero).AddTicks(4567));
        var appended = _trail.Append(new AuditEvent(
            "bà Lý", AuditActions.ProgrammeApprove, "prog-7", "ok",
            ["hamlet:Lũng Pô", "cluster:BX-TT-01"], ["Trịnh Tường", "A Mú Sung"], "Bản tin \"sáng\", số 3\nđã duyệt"));

        var read = Assert.Single(_trail.Query(new AuditQuery()));

        Assert.Equal(1, read.Sequence);
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 1, 2, 3, TimeSpan.Zero).AddTicks(4567), read.At);
        Assert.Equal("bà Lý", read.Actor);
        Assert.Equal("programme.approve", read.Action);
        Assert.Equal("prog-7", read.Subject);
        Assert.Equal("ok", read.Result);
        Assert.Equal(new[] { "hamlet:Lũng Pô", "cluster:BX-TT-01" }, read.Targets);
        Assert.Equal(new[] { "Trịnh Tường", "A Mú Sung" }, read.Communes);
        Assert.Equal("Bản tin \"sáng\", số 3\nđã duyệt", read.Detail);
        Assert.Equal(appended.At, read.At);
    }

    [Fact]
    public void Query_EntryWithoutListsOrDetail_ReadsEmptyListsAndNullDetail()
    {
        _trail.Append(new AuditEvent(AuditActors.System, AuditActions.EndpointRevoke, "BX-TT-01", "ok"));

        var read = Assert.Single(_trail.Query(new AuditQuery()));

        Assert.Empty(read.Targets);
        Assert.Empty(read.Communes);
        Assert.Null(read.Detail);
    }

    [Fact]
    public void Query_FromAndTo_FromIsInclusiveToIsExclusive()
    {
        for (var i = 0; i < 5; i++)
        {
            _trail.Append(AuditTestKit.Event(subject: i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            _clock.Advance(TimeSpan.FromHours(1));
        }

        // Entries at 01:00, 02:00, 03:00, 04:00, 05:00 UTC.
        var hits = _trail.Query(new AuditQuery(
            From: new DateTimeOffset(2025, 3, 1, 2, 0, 0, TimeSpan.Zero),
            To: new DateTimeOffset(2025, 3, 1, 11, 0, 0, TimeSpan.FromHours(7))));

        Assert.Equal(new long[] { 2, 3 }, hits.Select(e => e.Sequence));
    }

    [Fact]
    public void Query_Commune_MatchesIgnoringCaseButNotDiacriticsOrPartNames()
    {
        _trail.Append(AuditTestKit.Event(communes: ["Trịnh Tường"]));
        _trail.Append(AuditTestKit.Event(communes: ["Bản Xèo", "Trịnh Tường"]));
        _trail.Append(AuditTestKit.Event(communes: ["Bản Xèo"]));
        _trail.Append(AuditTestKit.Event(communes: []));

        Assert.Equal(new long[] { 1, 2 }, _trail.Query(new AuditQuery(Commune: "TRỊNH TƯỜNG")).Select(e => e.Sequence));
        Assert.Equal(new long[] { 1, 2 }, _trail.Query(new AuditQuery(Commune: "trịnh tường")).Select(e => e.Sequence));
        Assert.Equal(new long[] { 2, 3 }, _trail.Query(new AuditQuery(Commune: "bản xèo")).Select(e => e.Sequence));
        Assert.Empty(_trail.Query(new AuditQuery(Commune: "Trinh Tuong")));
        Assert.Empty(_trail.Query(new AuditQuery(Commune: "Tường")));
    }

    [Fact]
    public void Query_CommuneTypedDecomposed_MatchesTheComposedName()
    {
        _trail.Append(AuditTestKit.Event(communes: ["Trịnh Tường"]));

        var decomposed = "trịnh tường".Normalize(NormalizationForm.FormD);

        Assert.NotEqual("trịnh tường", decomposed);
        Assert.Single(_trail.Query(new AuditQuery(Commune: decomposed)));
    }

    [Fact]
    public void Query_Action_MatchesExactlyOrByPrefixWithStar()
    {
        _trail.Append(AuditTestKit.Event(AuditActions.BroadcastStart));
        _trail.Append(AuditTestKit.Event(AuditActions.ProgrammeUpload));
        _trail.Append(AuditTestKit.Event(AuditActions.BroadcastPreempt));

        Assert.Equal(new long[] { 1 }, _trail.Query(new AuditQuery(Action: "broadcast.start")).Select(e => e.Sequence));
        Assert.Equal(new long[] { 1 }, _trail.Query(new AuditQuery(Action: "Broadcast.Start")).Select(e => e.Sequence));
        Assert.Equal(new long[] { 1, 3 }, _trail.Query(new AuditQuery(Action: "broadcast.*")).Select(e => e.Sequence));
        Assert.Empty(_trail.Query(new AuditQuery(Action: "broadcast")));
    }

    [Fact]
    public void Query_AfterSequenceAndLimit_PagesInSequenceOrder()
    {
        for (var i = 0; i < 7; i++)
        {
            _trail.Append(AuditTestKit.Event(communes: [i % 2 == 0 ? "Trịnh Tường" : "Y Tý"]));
        }

        Assert.Equal(new long[] { 1, 2, 3 }, _trail.Query(new AuditQuery(Limit: 3)).Select(e => e.Sequence));
        Assert.Equal(new long[] { 4, 5, 6 }, _trail.Query(new AuditQuery(AfterSequence: 3, Limit: 3)).Select(e => e.Sequence));
        Assert.Equal(new long[] { 2, 4 }, _trail.Query(new AuditQuery(Commune: "y tý", Limit: 2)).Select(e => e.Sequence));
        Assert.Equal(new long[] { 6 }, _trail.Query(new AuditQuery(Commune: "y tý", AfterSequence: 4)).Select(e => e.Sequence));
    }

    [Fact]
    public void AuditPage_Read_GivesNextUntilTheLastPage()
    {
        for (var i = 0; i < 5; i++)
        {
            _trail.Append(AuditTestKit.Event());
        }

        var first = AuditPage.Read(_trail, new AuditQuery(Limit: 2));
        var second = AuditPage.Read(_trail, new AuditQuery(AfterSequence: first.Next!.Value, Limit: 2));
        var last = AuditPage.Read(_trail, new AuditQuery(AfterSequence: second.Next!.Value, Limit: 2));
        var exact = AuditPage.Read(_trail, new AuditQuery(AfterSequence: 3, Limit: 2));

        Assert.Equal(new long[] { 1, 2 }, first.Entries.Select(e => e.Sequence));
        Assert.Equal(2, first.Next);
        Assert.Equal(new long[] { 3, 4 }, second.Entries.Select(e => e.Sequence));
        Assert.Equal(4, second.Next);
        Assert.Equal(new long[] { 5 }, last.Entries.Select(e => e.Sequence));
        Assert.Null(last.Next);
        Assert.Equal(new long[] { 4, 5 }, exact.Entries.Select(e => e.Sequence));
        Assert.Null(exact.Next);
    }

    [Fact]
    public void QueryAll_SmallPages_ReadsEveryMatchingEntryOnce()
    {
        for (var i = 0; i < 10; i++)
        {
            _trail.Append(AuditTestKit.Event(communes: [i % 3 == 0 ? "Y Tý" : "Bản Vược"]));
        }

        var all = _trail.QueryAll(new AuditQuery(Commune: "Bản Vược", Limit: 2)).Select(e => e.Sequence);

        Assert.Equal(new long[] { 2, 3, 5, 6, 8, 9 }, all);
    }

    [Theory]
    [InlineData("", "broadcast.start", "ok")]
    [InlineData("local", " ", "ok")]
    [InlineData("local", "broadcast.start", "")]
    public void Append_BlankRequiredField_IsRefusedAndNothingIsWritten(string actor, string action, string result)
    {
        var ex = Assert.Throws<ArgumentException>(() => _trail.Append(new AuditEvent(actor, action, "1", result)));

        Assert.Contains("audit entry needs", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, _trail.LastSequence);
    }

    [Fact]
    public void Query_LimitZero_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _trail.Query(new AuditQuery(Limit: 0)));
    }

    [Fact]
    public void Append_AfterDispose_Throws()
    {
        _trail.Dispose();

        Assert.Throws<ObjectDisposedException>(() => _trail.Append(AuditTestKit.Event()));
    }
}
