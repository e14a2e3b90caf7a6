namespace Broadcast.Library.Http;

/// <summary><c>PATCH /api/bulletins/{id}</c>: a new title or category; absent fields stay.</summary>
public sealed record EditBody(string? Title = null, string? Category = null);
