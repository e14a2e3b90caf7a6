namespace Broadcast.Library.Tests.Fakes;

/// <summary>Two communes of Bát Xát, known by name and by id.</summary>
public sealed class FakeCommuneDirectory : ICommuneDirectory
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Trịnh Tường"] = "Trịnh Tường",
        ["trinh-tuong"] = "Trịnh Tường",
        ["Y Tý"] = "Y Tý",
        ["y-ty"] = "Y Tý",
    };

    public string? FindCommune(string idCodeOrName) => Names.GetValueOrDefault(idCodeOrName);
}
