using Microsoft.Extensions.Options;

namespace Broadcast.Library.Speech;

/// <summary>What the attribute checks cannot see: the default voice must be one a request may name.</summary>
internal sealed class SpeechPolicyValidator : IValidateOptions<SpeechOptions>
{
    public ValidateOptionsResult Validate(string? name, SpeechOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Voices.Contains(options.DefaultVoice, StringComparer.OrdinalIgnoreCase)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Speech:DefaultVoice '{options.DefaultVoice}' is not in Speech:Voices ({string.Join(", ", options.Voices)})");
    }
}
