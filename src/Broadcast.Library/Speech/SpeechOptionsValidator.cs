using Microsoft.Extensions.Options;

namespace Broadcast.Library.Speech;

[OptionsValidator]
internal sealed partial class SpeechOptionsValidator : IValidateOptions<SpeechOptions>;
