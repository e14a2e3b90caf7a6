namespace Broadcast.Audit.Export;

/// <summary>Reads every entry matching a query, one page at a time, so an export never holds the whole trail.</summary>
public static class AuditTrailPaging
{
    /// <summary>
    /// Every entry matching <paramref name="query"/> after <see cref="AuditQuery.AfterSequence"/>, oldest first, read
    /// in pages of <see cref="AuditQuery.Limit"/>. Entries appended while enumerating are included.
    /// </summary>
    public static IEnumerable<AuditEntry> QueryAll(this IAuditTrail trail, AuditQuery query)
    {
        ArgumentNullException.ThrowIfNull(trail);
        ArgumentNullException.ThrowIfNull(query);
        return Pages(trail, query);
    }

    private static IEnumerable<AuditEntry> Pages(IAuditTrail trail, AuditQuery query)
    {
        var page = query;
        while (true)
        {
            var entries = trail.Query(page);
            foreach (var entry in entries)
            {
                yield return entry;
            }

            if (entries.Count < page.Limit)
            {
                yield break;
            }

            page = page with { AfterSequence = entries[^1].Sequence };
        }
    }
}
