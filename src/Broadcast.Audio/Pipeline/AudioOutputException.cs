namespace Broadcast.Audio.Pipeline;

/// <summary>The output file could not be written. Nothing is left at the output path when this is thrown.</summary>
public sealed class AudioOutputException : IOException
{
    public AudioOutputException(string path, string problem, Exception? inner = null)
        : base($"{path}: {problem}", inner)
    {
        OutputPath = path;
    }

    /// <summary>The output path that was asked for.</summary>
    public string OutputPath { get; }
}
