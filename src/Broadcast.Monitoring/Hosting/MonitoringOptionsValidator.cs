using Microsoft.Extensions.Options;

namespace Broadcast.Monitoring.Hosting;

[OptionsValidator]
internal sealed partial class MonitoringOptionsValidator : IValidateOptions<MonitoringOptions>;
