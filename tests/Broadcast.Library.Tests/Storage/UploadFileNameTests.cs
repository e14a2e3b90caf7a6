using Broadcast.Library.Uploads;

namespace Broadcast.Library.Tests.Storage;

public sealed class UploadFileNameTests
{
    [Theory]
    [InlineData("Bản tin.mp3", "Bản tin.mp3")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData(@"C:\Users\bt\Desktop\tin.wav", "tin.wav")]
    [InlineData(".hidden.wav", "hidden.wav")]
    [InlineData("-i.mp3", "i.mp3")]
    [InlineData("concat:a.mp3|b.mp3", "concat_a.mp3|b.mp3")]
    [InlineData("tab\there.wav", "tab_here.wav")]
    [InlineData("", "upload")]
    [InlineData(null, "upload")]
    [InlineData("..", "upload")]
    [InlineData("/", "upload")]
    public void Sanitize_ClientName_SafeNameInTheIncomingFolder(string? client, string expected)
    {
        Assert.Equal(expected, UploadFileName.Sanitize(client));
    }

    [Fact]
    public void Sanitize_VeryLongName_KeepsTheExtensionAndWholeCharacters()
    {
        var name = new string('a', 115) + "😀😀" + ".mp3"; // the cut falls inside the first emoji

        var safe = UploadFileName.Sanitize(name);

        Assert.True(safe.Length <= 120, safe);
        Assert.EndsWith("a.mp3", safe, StringComparison.Ordinal);
        Assert.DoesNotContain(safe, char.IsSurrogate);
    }
}
