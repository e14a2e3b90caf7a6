using Broadcast.Audit.Requests;

namespace Broadcast.Audit.Tests.Requests;

public sealed class AuditRequestParserTests
{
    [Fact]
    public void TryParse_NothingGiven_IsTheWholeTrailInDefaultPages()
    {
        Assert.True(AuditRequestParser.TryParse(null, null, null, null, null, null, 10_000, out var query, out var error));

        Assert.Null(error);
        Assert.Equal(new AuditQuery(null, null, null, null, 0, 1000), query);
    }

    [Fact]
    public void TryParse_EveryFilter_IsCarriedOver()
    {
        Assert.True(AuditRequestParser.TryParse("2025-03-01", "2025-04-01", " Trịnh Tường ", "broadcast.*", "40", "25", 10_000, out var query, out _));

        Assert.Equal(
            new AuditQuery(
                new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.FromHours(7)),
                new DateTimeOffset(2025, 4, 1, 0, 0, 0, TimeSpan.FromHours(7)),
                "Trịnh Tường", "broadcast.*", 40, 25),
            query);
    }

    [Theory]
    [InlineData("01/03/2025", null, null, null, "from")]
    [InlineData(null, "next week", null, null, "to")]
    [InlineData("2025-03-02", "2025-03-01", null, null, "to")]
    [InlineData("2025-03-01", "2025-03-01", null, null, "to")]
    [InlineData(null, null, "-1", null, "after")]
    [InlineData(null, null, "abc", null, "after")]
    [InlineData(null, null, null, "0", "limit")]
    [InlineData(null, null, null, "10001", "limit")]
    [InlineData(null, null, null, "1e3", "limit")]
    public void TryParse_BadValue_NamesTheParameter(string? from, string? to, string? after, string? limit, string parameter)
    {
        Assert.False(AuditRequestParser.TryParse(from, to, null, null, after, limit, 10_000, out _, out var error));

        Assert.Equal(parameter, error.Parameter);
        Assert.StartsWith(parameter, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_SmallMaximum_CapsTheDefaultPage()
    {
        Assert.True(AuditRequestParser.TryParse(null, null, null, null, null, null, 200, out var query, out _));

        Assert.Equal(200, query.Limit);
    }
}
