using Microsoft.Extensions.Options;

namespace Broadcast.Controller.Mqtt;

[OptionsValidator]
internal sealed partial class BrokerOptionsValidator : IValidateOptions<BrokerOptions>;
