namespace Broadcast.Library.Bulletins;

/// <summary>One page of bulletins, newest first, and how many match in all.</summary>
public sealed record BulletinPage(IReadOnlyList<Bulletin> Items, int Page, int PageSize, int Total);
