using System.Text;
using Broadcast.Library.Search;

namespace Broadcast.Library.Uploads;

/// <summary>An upload's metadata after checking: trimmed, NFC-normalised, category and commune canonical.</summary>
internal sealed record UploadMetadata(string Title, string Category, string? Commune)
{
    private const int MaxCommuneLength = 100;

    /// <summary>Checks <paramref name="upload"/>; throws <see cref="ProgrammeUploadException"/> naming the first bad field.</summary>
    public static UploadMetadata Validate(ProgrammeUpload upload, ICommuneDirectory? communes)
    {
        ArgumentNullException.ThrowIfNull(upload);
        var title = Clean(upload.Title);
        if (title.Length == 0)
        {
            throw ProgrammeUploadException.InvalidField("title", "a title is required (e.g. \"Bản tin sáng 24/11\")");
        }

        if (title.Length > ProgrammeUpload.MaxTitleLength)
        {
            throw ProgrammeUploadException.InvalidField("title", $"the title has {title.Length} characters; at most {ProgrammeUpload.MaxTitleLength} are allowed");
        }

        var category = string.IsNullOrWhiteSpace(upload.Category) ? ProgrammeCategories.Default : ProgrammeCategories.Find(upload.Category);
        if (category is null)
        {
            throw ProgrammeUploadException.InvalidField("category", $"unknown category '{Clean(upload.Category)}'; use one of {string.Join(", ", ProgrammeCategories.All)}");
        }

        return new UploadMetadata(title, category, ValidateCommune(upload.Commune, communes));
    }

    private static string? ValidateCommune(string? text, ICommuneDirectory? communes)
    {
        var commune = Clean(text);
        if (commune.Length == 0)
        {
            return null;
        }

        if (communes is not null)
        {
            return communes.FindCommune(commune)
                ?? throw ProgrammeUploadException.InvalidField("commune", $"the district has no commune '{commune}'; give its name, id or code as in the topology file");
        }

        return commune.Length <= MaxCommuneLength
            ? commune
            : throw ProgrammeUploadException.InvalidField("commune", $"the commune name has {commune.Length} characters; at most {MaxCommuneLength} are allowed");
    }

    // Control characters (a pasted newline, a NUL) would break log lines, CSV exports and the speaker's display.
    private static string Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var sb = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormC))
        {
            sb.Append(char.IsControl(c) ? ' ' : c);
        }

        return TextFolding.CollapseSpaces(sb.ToString());
    }
}
