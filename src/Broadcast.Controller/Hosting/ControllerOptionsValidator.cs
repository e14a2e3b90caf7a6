using Microsoft.Extensions.Options;

namespace Broadcast.Controller.Hosting;

[OptionsValidator]
internal sealed partial class ControllerOptionsValidator : IValidateOptions<ControllerOptions>;
