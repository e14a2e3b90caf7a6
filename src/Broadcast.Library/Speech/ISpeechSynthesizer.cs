namespace Broadcast.Library.Speech;

/// <summary>Reads text aloud into a WAV file.</summary>
public interface ISpeechSynthesizer
{
    /// <summary>Writes <paramref name="text"/> read with <paramref name="voice"/> to <paramref name="wavPath"/>.</summary>
    /// <exception cref="Bulletins.BulletinException">The engine is missing (<see cref="Bulletins.BulletinRefusal.Unavailable"/>) or failed.</exception>
    Task RenderAsync(string text, string voice, string wavPath, CancellationToken cancellationToken);
}
