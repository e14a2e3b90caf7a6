namespace Broadcast.Accounts.Sessions;

/// <summary>A session row: the token itself is never stored, only its SHA-256.</summary>
internal sealed record StoredSession(
    byte[] TokenHash,
    long UserId,
    SessionKind Kind,
    string? Csrf,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset LastUsedAt);
