namespace Broadcast.Controller.Broadcasts;

/// <summary>
/// What <c>POST /api/broadcasts</c>, the play queue and the scheduler ask for: a programme (a library id or an audio
/// file) or a playlist of them, a target expression and a priority.
/// </summary>
public sealed record BroadcastRequest(string Programme, string Target, BroadcastPriority Priority)
{
    /// <summary>Programmes played back to back as one broadcast; when set, <see cref="Programme"/> is only its label.</summary>
    public IReadOnlyList<string>? Playlist { get; init; }

    /// <summary>Who asked: a user name or one of the audit trail's actors.</summary>
    public string Actor { get; init; } = Audit.AuditActors.Local;

    /// <summary>Where the request came from, for the audit trail and the end event: <c>api</c>, <c>queue:…</c>, <c>schedule:…</c>.</summary>
    public string Origin { get; init; } = "api";

    /// <summary>The programmes to play, in order.</summary>
    public IReadOnlyList<string> Items => Playlist is { Count: > 0 } list ? list : [Programme];
}
