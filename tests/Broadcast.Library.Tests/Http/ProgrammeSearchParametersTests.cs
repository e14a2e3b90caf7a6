using Broadcast.Library.Http;
using Microsoft.AspNetCore.Http;

namespace Broadcast.Library.Tests.Http;

public sealed class ProgrammeSearchParametersTests
{
    private static readonly TimeZoneInfo Vietnam = TimeZoneInfo.CreateCustomTimeZone("ICT", TimeSpan.FromHours(7), "ICT", "ICT");

    [Fact]
    public void TryParse_Everything_FillsTheQuery()
    {
        var ok = Parse("?q=ban+tin&category=News&commune=Y+T%C3%BD&from=2026-11-01&to=2026-11-24&page=2&pageSize=10", out var query, out var error);

        Assert.True(ok, error);
        Assert.Equal("ban tin", query.Text);
        Assert.Equal("news", query.Category);
        Assert.Equal("Y Tý", query.Commune);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.FromHours(7)), query.From);
        // A plain date as the end includes that whole day.
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.FromHours(7)), query.To);
        Assert.Equal((2, 10), (query.Page, query.PageSize));
    }

    [Fact]
    public void TryParse_Nothing_DefaultsToFirstPageOfFifty()
    {
        Assert.True(Parse("", out var query, out _));

        Assert.Equal((null, null, null, null, null, 1, 50), (query.Text, query.Category, query.Commune, query.From, query.To, query.Page, query.PageSize));
    }

    [Theory]
    [InlineData("?from=2026-11-24T05:30:00%2B07:00", 2026, 11, 23, 22, 30)]
    [InlineData("?from=2026-11-24T05:30:00Z", 2026, 11, 24, 5, 30)]
    [InlineData("?from=2026-11-24T05:30", 2026, 11, 23, 22, 30)]
    public void TryParse_DateTimes_OffsetRespectedOrControllerZoneAssumed(string qs, int y, int mo, int d, int h, int mi)
    {
        Assert.True(Parse(qs, out var query, out var error), error);

        Assert.Equal(new DateTimeOffset(y, mo, d, h, mi, 0, TimeSpan.Zero), query.From!.Value.ToUniversalTime());
    }

    [Theory]
    [InlineData("?category=sport", "category: unknown category 'sport'")]
    [InlineData("?from=yesterday", "from: 'yesterday' is not a date")]
    [InlineData("?to=24/11/2026", "to: '24/11/2026' is not a date")]
    [InlineData("?page=0", "page: '0' is not a whole number from 1")]
    [InlineData("?pageSize=500", "pageSize: '500' is not a whole number from 1 to 200")]
    [InlineData("?pageSize=-1", "pageSize: '-1' is not a whole number")]
    public void TryParse_BadValue_ErrorNamesTheParameter(string qs, string start)
    {
        Assert.False(Parse(qs, out _, out var error));

        Assert.StartsWith(start, error, StringComparison.Ordinal);
    }

    private static bool Parse(string queryString, out Library.Search.ProgrammeQuery query, out string? error)
    {
        var context = new DefaultHttpContext();
        context.Request.QueryString = new QueryString(queryString.Length == 0 ? null : queryString);
        return ProgrammeSearchParameters.TryParse(context.Request.Query, Vietnam, out query, out error);
    }
}
