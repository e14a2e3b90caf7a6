namespace Broadcast.Library.Http;

/// <summary>
/// <c>POST /api/bulletins</c>: submit an existing programme (<see cref="ProgrammeId"/>) or, with <see cref="Text"/>,
/// have the text read by text-to-speech and submit the result. <see cref="Target"/> is accepted from the console and
/// not stored: an approved commune item airs in its commune.
/// </summary>
public sealed record BulletinSubmission(
    string? ProgrammeId = null,
    string? Title = null,
    string? Text = null,
    string? Commune = null,
    string? Category = null,
    string? Voice = null,
    string? Target = null);
