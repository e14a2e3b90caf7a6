using Microsoft.Extensions.Options;

namespace Broadcast.Audit;

[OptionsValidator]
internal sealed partial class AuditOptionsValidator : IValidateOptions<AuditOptions>;
