using Broadcast.Audio.Ogg;

namespace Broadcast.Audio.Tests.Ogg;

public sealed class OpusTagsTests
{
    [Fact]
    public void Get_KeyInOtherCase_FindsValue()
    {
        var tags = new OpusTags();
        tags.Add("Title", "Bản tin sáng");

        Assert.Equal("Bản tin sáng", tags.Get("TITLE"));
        Assert.Equal("Bản tin sáng", tags.Title);
    }

    [Fact]
    public void Set_ExistingKey_ReplacesAllValues()
    {
        var tags = new OpusTags();
        tags.Add("ARTIST", "a");
        tags.Add("artist", "b");

        tags.Set("Artist", "c");

        Assert.Equal(["c"], tags.GetAll("ARTIST"));
        Assert.Single(tags.Comments);
    }

    [Fact]
    public void Title_SetNull_RemovesTag()
    {
        var tags = new OpusTags { Title = "x" };

        tags.Title = null;

        Assert.Null(tags.Title);
        Assert.Empty(tags.Comments);
    }

    [Theory]
    [InlineData("A=B")]
    [InlineData("KEY~")]
    [InlineData("")]
    [InlineData("TÍTLE")]
    public void Add_InvalidKey_ThrowsArgumentException(string key)
    {
        var tags = new OpusTags();

        Assert.ThrowsAny<ArgumentException>(() => tags.Add(key, "v"));
    }

    [Fact]
    public void ToPacket_ThenParse_RoundTripsUtf8()
    {
        var tags = new OpusTags("vendor ñ");
        tags.Add("TITLE", "Thông báo");
        tags.Add("EMPTY", string.Empty);

        var ok = OpusTags.TryRead(tags.ToPacket(), out var parsed, out var error);

        Assert.True(ok, error);
        Assert.Equal("vendor ñ", parsed!.Vendor);
        Assert.Equal(tags.Comments, parsed.Comments);
        Assert.Equal(string.Empty, parsed.Get("EMPTY"));
    }

    [Fact]
    public void TryRead_CommentCountBeyondPacket_FailsWithReason()
    {
        var packet = new OpusTags().ToPacket();
        packet[^4] = 0xFF; // comment count low byte: 255 comments in 0 bytes

        var ok = OpusTags.TryRead(packet, out _, out var error);

        Assert.False(ok);
        Assert.Contains("comments", error, StringComparison.Ordinal);
    }
}
