namespace Broadcast.Library.Bulletins;

/// <summary>The names of <see cref="BulletinStatus"/> in the API (lower case, stable).</summary>
public static class BulletinStatusNames
{
    public static IReadOnlyList<string> All { get; } = ["draft", "submitted", "approved", "rejected", "scheduled", "aired"];

    public static string Of(BulletinStatus status) => All[(int)status];

    /// <summary>The status named <paramref name="text"/> (any case), or null.</summary>
    public static BulletinStatus? Find(string? text)
    {
        var name = text?.Trim().ToLowerInvariant();
        for (var i = 0; i < All.Count; i++)
        {
            if (All[i] == name)
            {
                return (BulletinStatus)i;
            }
        }

        return null;
    }
}
