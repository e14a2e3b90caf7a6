namespace Broadcast.Library.Speech;

/// <summary>A bulletin to be read by text-to-speech.</summary>
/// <param name="Title">Title of the programme (as for an upload).</param>
/// <param name="Text">What is read: at most <see cref="SpeechOptions.MaxTextLength"/> characters.</param>
/// <param name="Commune">For a commune's own notice: its id, code or name; null for the district.</param>
/// <param name="Category">One of the programme categories; null means news.</param>
/// <param name="Voice">An espeak-ng voice from <see cref="SpeechOptions.Voices"/>; null means <see cref="SpeechOptions.DefaultVoice"/>.</param>
public sealed record SpeechRequest(string? Title, string? Text, string? Commune = null, string? Category = null, string? Voice = null);
