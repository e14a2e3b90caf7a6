using Microsoft.Extensions.Options;

namespace Broadcast.Controller.Streaming.Live;

[OptionsValidator]
internal sealed partial class LiveOptionsValidator : IValidateOptions<LiveOptions>;

/// <summary>Checks what attributes cannot: settings that must be ordered against each other.</summary>
internal sealed class LiveOptionsOrderValidator : IValidateOptions<LiveOptions>
{
    public ValidateOptionsResult Validate(string? name, LiveOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = [];
        if (options.MaxBuffer < options.Cushion + options.Cushion)
        {
            failures.Add($"Live:MaxBuffer ({options.MaxBuffer}) must be at least twice Live:Cushion ({options.Cushion}), or a real-time source could never fill the cushion and still have room for its bursts");
        }

        if (options.RetryMax < options.RetryInitial)
        {
            failures.Add($"Live:RetryMax ({options.RetryMax}) must not be shorter than Live:RetryInitial ({options.RetryInitial})");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
