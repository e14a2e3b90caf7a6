namespace Broadcast.Library.Search;

/// <summary>One page of a search: the items, where the page is, and how many programmes match in all.</summary>
public sealed record ProgrammePage(IReadOnlyList<ProgrammeRecord> Items, int Page, int PageSize, int Total);
