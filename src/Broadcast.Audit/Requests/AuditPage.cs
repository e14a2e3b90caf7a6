namespace Broadcast.Audit.Requests;

/// <summary>
/// One page of <c>GET /api/audit</c>: <c>next</c> is the value to pass as <c>after</c> for the following page, null
/// on the last page.
/// </summary>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, long? Next)
{
    /// <summary>
    /// Runs <paramref name="query"/> asking for one entry more than its limit, which tells whether another page
    /// follows without a second query.
    /// </summary>
    public static AuditPage Read(IAuditTrail trail, AuditQuery query)
    {
        ArgumentNullException.ThrowIfNull(trail);
        ArgumentNullException.ThrowIfNull(query);
        var entries = trail.Query(query with { Limit = query.Limit == int.MaxValue ? int.MaxValue : query.Limit + 1 });
        return entries.Count > query.Limit
            ? new AuditPage(entries.Take(query.Limit).ToList(), entries[query.Limit - 1].Sequence)
            : new AuditPage(entries, null);
    }
}
