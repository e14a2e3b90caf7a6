namespace Broadcast.Library.Http;

/// <summary>One page of <c>GET /api/bulletins</c>: the items and how many match in all.</summary>
public sealed record BulletinListView(IReadOnlyList<BulletinView> Items, int Page, int PageSize, int Total);
