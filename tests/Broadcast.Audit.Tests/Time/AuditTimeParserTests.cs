using Broadcast.Audit.Time;

namespace Broadcast.Audit.Tests.Time;

public sealed class AuditTimeParserTests
{
    [Theory]
    [InlineData("2025-03-01", "2025-02-28T17:00:00.0000000+00:00")]
    [InlineData(" 2025-03-01 ", "2025-02-28T17:00:00.0000000+00:00")]
    [InlineData("2025-03-01T08:30", "2025-03-01T01:30:00.0000000+00:00")]
    [InlineData("2025-03-01 08:30", "2025-03-01T01:30:00.0000000+00:00")]
    [InlineData("2025-03-01T08:30:15.25+07:00", "2025-03-01T01:30:15.2500000+00:00")]
    [InlineData("2025-03-01T01:30:00Z", "2025-03-01T01:30:00.0000000+00:00")]
    [InlineData("2025-03-01T03:30:00-0500", "2025-03-01T08:30:00.0000000+00:00")]
    [InlineData("2025-03-01T08:30:00 07:00", "2025-03-01T01:30:00.0000000+00:00")]
    public void TryParse_Iso8601_GivesTheInstant(string text, string expectedUtc)
    {
        Assert.True(AuditTimeParser.TryParse(text, out var value, out var problem), problem);
        Assert.Equal(expectedUtc, value.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("03/04/2025")]
    [InlineData("2025-02-30")]
    [InlineData("2025-03-01T25:00")]
    [InlineData("tomorrow")]
    [InlineData("")]
    public void TryParse_NotIso8601_SaysWhatIsAccepted(string text)
    {
        Assert.False(AuditTimeParser.TryParse(text, out _, out var problem));
        Assert.Contains($"'{text}' is not an ISO 8601 date or time", problem, StringComparison.Ordinal);
        Assert.Contains("2025-03-01T08:30:00+07:00", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_OffsetBeyondFourteenHours_IsRefused()
    {
        Assert.False(AuditTimeParser.TryParse("2025-03-01T08:30+15:00", out _, out var problem));
        Assert.Contains("outside -14:00..+14:00", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void DistrictTime_ToLocal_IsSevenHoursAhead()
    {
        var local = DistrictTime.ToLocal(new DateTimeOffset(2025, 7, 1, 20, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateTime(2025, 7, 2, 3, 0, 0), local.DateTime);
        Assert.Equal(TimeSpan.FromHours(7), local.Offset);
    }
}
