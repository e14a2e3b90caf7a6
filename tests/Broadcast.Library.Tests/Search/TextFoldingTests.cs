using Broadcast.Library.Search;

namespace Broadcast.Library.Tests.Search;

public sealed class TextFoldingTests
{
    [Theory]
    [InlineData("Bản tin sáng", "ban tin sang")]
    [InlineData("ĐƯỜNG Đi", "duong di")]
    [InlineData("Luật Đất đai", "luat dat dai")]
    [InlineData("Phòng chống dịch", "phong chong dich")]
    [InlineData("  Y   Tý\t", "y ty")]
    [InlineData("ơ ư ă â ê ô", "o u a a e o")]
    public void Fold_VietnameseText_LowerCaseWithoutMarks(string text, string folded)
    {
        Assert.Equal(folded, TextFolding.Fold(text));
    }

    [Fact]
    public void Fold_DecomposedInput_SameAsComposed()
    {
        var composed = "Trịnh Tường";

        Assert.Equal(TextFolding.Fold(composed), TextFolding.Fold(composed.Normalize(System.Text.NormalizationForm.FormD)));
    }

    [Fact]
    public void Terms_SplitsFoldedWords()
    {
        Assert.Equal(["ban", "tin", "sang"], TextFolding.Terms(" Bản  TIN sáng "));
        Assert.Empty(TextFolding.Terms("   "));
    }
}
