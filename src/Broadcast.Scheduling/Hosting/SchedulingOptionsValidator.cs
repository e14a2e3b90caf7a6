using Microsoft.Extensions.Options;

namespace Broadcast.Scheduling.Hosting;

[OptionsValidator]
internal sealed partial class SchedulingOptionsValidator : IValidateOptions<SchedulingOptions>;
