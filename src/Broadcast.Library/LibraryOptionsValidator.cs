using Microsoft.Extensions.Options;

namespace Broadcast.Library;

[OptionsValidator]
internal sealed partial class LibraryOptionsValidator : IValidateOptions<LibraryOptions>;
