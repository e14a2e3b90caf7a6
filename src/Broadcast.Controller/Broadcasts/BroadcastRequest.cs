using System.Text;

namespace Broadcast.Controller.Broadcasts;

/// <summary>
/// What <c>POST /api/broadcasts</c>, the play queue and the scheduler ask for: a programme (a library id or an audio
/// file), a playlist of them, or a live input; a target expression and a priority.
/// </summary>
public sealed record BroadcastRequest(string Programme, string Target, BroadcastPriority Priority)
{
    /// <summary>Programmes played back to back as one broadcast; when set, <see cref="Programme"/> is only its label.</summary>
    public IReadOnlyList<string>? Playlist { get; init; }

    /// <summary>
    /// A live input to relay instead of a programme (an http(s)/rtp/udp URL, a .sdp file, alsa:DEVICE or pulse:DEVICE,
    /// see <see cref="Audio.Ingest.LiveSource"/>); when set, <see cref="Programme"/> and <see cref="Playlist"/> are ignored
    /// and the broadcast runs until it is stopped.
    /// </summary>
    public string? LiveSource { get; init; }

    /// <summary>Who asked: a user name or one of the audit trail's actors.</summary>
    public string Actor { get; init; } = Audit.AuditActors.Local;

    /// <summary>Where the request came from, for the audit trail and the end event: <c>api</c>, <c>queue:…</c>, <c>schedule:…</c>.</summary>
    public string Origin { get; init; } = "api";

    /// <summary>The programmes to play, in order; for a live request, its input without credentials.</summary>
    public IReadOnlyList<string> Items =>
        LiveSource is { } live ? ["live " + Audio.Ingest.LiveSource.Redact(live)] : Playlist is { Count: > 0 } list ? list : [Programme];

    // A live URL may carry a password: the generated ToString would print it into any log that formats a request.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Programme = ").Append(LiveSource is null ? Programme : Items[0])
            .Append(", Target = ").Append(Target)
            .Append(", Priority = ").Append(Priority)
            .Append(", Actor = ").Append(Actor)
            .Append(", Origin = ").Append(Origin);
        return true;
    }
}
