using System.ComponentModel.DataAnnotations;

namespace Broadcast.Library.Speech;

/// <summary>Text-to-speech settings, section <c>Speech</c> of <c>config/appsettings.json</c>.</summary>
public sealed class SpeechOptions
{
    public const string Section = "Speech";

    /// <summary>The espeak-ng program: a name looked up on PATH, or a full path (the launcher installs the Debian package <c>espeak-ng</c>).</summary>
    [Required]
    public string Executable { get; set; } = "espeak-ng";

    /// <summary>Voice used when a request names none: espeak-ng's Vietnamese (northern).</summary>
    [Required]
    public string DefaultVoice { get; set; } = "vi";

    /// <summary>Voices a request may name (espeak-ng voice names; <c>espeak-ng --voices=vi</c> lists the Vietnamese ones).</summary>
    [MinLength(1)]
    public string[] Voices { get; set; } = ["vi", "vi-vn-x-central", "vi-vn-x-south"];

    /// <summary>
    /// Longest text read in one request, in characters. 5,000 characters of Vietnamese read at 150 words a minute gave
    /// 354 s of speech (espeak-ng 1.51), longer than any notice; a longer text is better recorded by a person.
    /// </summary>
    [Range(1, 100_000)]
    public int MaxTextLength { get; set; } = 5000;

    /// <summary>
    /// Speaking rate in words a minute (espeak-ng's default is 175). Slower is easier to follow from a loudspeaker on a
    /// pole, where echoes from the hillsides blur syllables.
    /// </summary>
    [Range(80, 450)]
    public int WordsPerMinute { get; set; } = 150;

    /// <summary>How long espeak-ng may take before it is stopped (it renders minutes of speech in seconds).</summary>
    [Range(1, 3600)]
    public int TimeoutSeconds { get; set; } = 120;
}
