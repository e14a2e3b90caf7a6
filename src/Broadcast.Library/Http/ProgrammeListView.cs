namespace Broadcast.Library.Http;

/// <summary>One page of <c>GET /api/programmes</c>: the items and how many match in all.</summary>
public sealed record ProgrammeListView(IReadOnlyList<ProgrammeView> Items, int Page, int PageSize, int Total);
