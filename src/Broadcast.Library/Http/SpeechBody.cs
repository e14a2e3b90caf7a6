namespace Broadcast.Library.Http;

/// <summary><c>POST /api/bulletins/tts</c> (and <c>POST /api/tts</c>): read <see cref="Text"/> aloud into a new programme; a draft unless <see cref="Submit"/>.</summary>
public sealed record SpeechBody(
    string? Title = null,
    string? Text = null,
    string? Commune = null,
    string? Category = null,
    string? Voice = null,
    bool? Submit = null);
