namespace Broadcast.Library.Uploads;

/// <summary>What the uploader says about a programme; checked by the store before anything is encoded.</summary>
/// <param name="Title">Shown to operators and searched (required, at most <see cref="MaxTitleLength"/> characters).</param>
/// <param name="Category">One of <see cref="ProgrammeCategories"/>, any case; null or empty means <see cref="ProgrammeCategories.Default"/>.</param>
/// <param name="Commune">For a commune's own item: the commune's id, code or name; null for a district programme.</param>
public sealed record ProgrammeUpload(string? Title, string? Category = null, string? Commune = null)
{
    public const int MaxTitleLength = 200;
}
