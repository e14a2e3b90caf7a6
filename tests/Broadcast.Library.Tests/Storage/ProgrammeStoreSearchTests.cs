using Broadcast.Library.Search;

namespace Broadcast.Library.Tests.Storage;

/// <summary>Five short programmes uploaded an hour apart (oldest first), searched every way the API allows.</summary>
public sealed class ProgrammeStoreSearchTests : IAsyncLifetime, IDisposable
{
    private readonly LibraryKit _kit = new();
    private readonly Dictionary<string, string> _ids = [];

    public async Task InitializeAsync()
    {
        (string Title, string Category, string? Commune)[] programmes =
        [
            ("Bản tin sáng", "news", null),
            ("Luật Đất đai 2024", "law", null),
            ("Phòng chống dịch sốt xuất huyết", "health", "Trịnh Tường"),
            ("BẢN TIN CHIỀU", "news", "Y Tý"),
            ("Hướng dẫn trồng lúa", "agriculture", "Trịnh Tường"),
        ];
        for (var i = 0; i < programmes.Length; i++)
        {
            var (title, category, commune) = programmes[i];
            var result = await _kit.UploadAsync(_kit.Wav($"p{i}.wav", seconds: 0.5, frequency: 300 + (100 * i)), title, category, commune);
            _ids[title] = result.Record.Id;
            _kit.Time.Advance(TimeSpan.FromHours(1));
        }
    }

    [Theory]
    [InlineData("Bản tin")]
    [InlineData("ban tin")]
    [InlineData("BAN TIN")]
    [InlineData("tin ban")]
    public void Search_TitleWithOrWithoutDiacritics_FindsBothBulletins(string text)
    {
        var page = _kit.Store.Search(new ProgrammeQuery { Text = text });

        Assert.Equal(["BẢN TIN CHIỀU", "Bản tin sáng"], page.Items.Select(p => p.Title));
    }

    [Theory]
    [InlineData("dat dai", "Luật Đất đai 2024")]
    [InlineData("Đất", "Luật Đất đai 2024")]
    [InlineData("sot xuat huyet", "Phòng chống dịch sốt xuất huyết")]
    [InlineData("huong dan lua", "Hướng dẫn trồng lúa")]
    public void Search_FoldedWords_FindOneProgramme(string text, string title)
    {
        var page = _kit.Store.Search(new ProgrammeQuery { Text = text });

        Assert.Equal([title], page.Items.Select(p => p.Title));
    }

    [Fact]
    public void Search_WordNotInAnyTitle_FindsNothing()
    {
        Assert.Equal(0, _kit.Store.Search(new ProgrammeQuery { Text = "ban tin toi" }).Total);
    }

    [Fact]
    public void Search_Category_FiltersAndIgnoresCase()
    {
        var page = _kit.Store.Search(new ProgrammeQuery { Category = "NEWS" });

        Assert.Equal([_ids["BẢN TIN CHIỀU"], _ids["Bản tin sáng"]], page.Items.Select(p => p.Id));
    }

    [Fact]
    public void Search_UnknownCategory_Throws()
    {
        Assert.Throws<ArgumentException>(() => _kit.Store.Search(new ProgrammeQuery { Category = "sport" }));
    }

    [Fact]
    public void Search_Commune_MatchesWithoutDiacritics()
    {
        var page = _kit.Store.Search(new ProgrammeQuery { Commune = "trinh tuong" });

        Assert.Equal(["Hướng dẫn trồng lúa", "Phòng chống dịch sốt xuất huyết"], page.Items.Select(p => p.Title));
    }

    [Fact]
    public void Search_FromInclusiveToExclusive_SelectsTheMiddleHours()
    {
        // Uploads were at Start + 0h, 1h, 2h, 3h, 4h.
        var page = _kit.Store.Search(new ProgrammeQuery { From = LibraryKit.Start.AddHours(1), To = LibraryKit.Start.AddHours(3) });

        Assert.Equal(["Phòng chống dịch sốt xuất huyết", "Luật Đất đai 2024"], page.Items.Select(p => p.Title));
    }

    [Fact]
    public void Search_Pages_SplitNewestFirstWithTotal()
    {
        var pages = Enumerable.Range(1, 3).Select(n => _kit.Store.Search(new ProgrammeQuery { Page = n, PageSize = 2 })).ToArray();

        Assert.All(pages, p => Assert.Equal(5, p.Total));
        Assert.Equal(
            ["Hướng dẫn trồng lúa", "BẢN TIN CHIỀU", "Phòng chống dịch sốt xuất huyết", "Luật Đất đai 2024", "Bản tin sáng"],
            pages.SelectMany(p => p.Items).Select(p => p.Title));
        Assert.Equal([2, 2, 1], pages.Select(p => p.Items.Count));
    }

    [Fact]
    public void Search_PageBeyondTheEnd_IsEmptyWithTotal()
    {
        var page = _kit.Store.Search(new ProgrammeQuery { Page = 9, PageSize = 2 });

        Assert.Empty(page.Items);
        Assert.Equal(5, page.Total);
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(1, 0)]
    [InlineData(1, ProgrammeQuery.MaxPageSize + 1)]
    public void Search_PageOutOfRange_Throws(int page, int pageSize)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _kit.Store.Search(new ProgrammeQuery { Page = page, PageSize = pageSize }));
    }

    [Theory]
    [InlineData("")]
    [InlineData("../../etc/passwd")]
    [InlineData("programme.opus")]
    [InlineData("abc")]
    public void Find_NotAnId_ReturnsNull(string id)
    {
        Assert.Null(_kit.Store.Find(id));
    }

    [Fact]
    public void Find_UpperCaseId_FindsTheProgramme()
    {
        var id = _ids["Bản tin sáng"];

        Assert.Equal("Bản tin sáng", _kit.Store.Find(id.ToUpperInvariant())?.Title);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _kit.Dispose();
}
