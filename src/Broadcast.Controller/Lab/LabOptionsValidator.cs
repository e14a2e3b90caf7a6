using System.Net;
using Broadcast.Protocol.Lab;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Broadcast.Controller.Lab;

[OptionsValidator]
internal sealed partial class LabOptionsValidator : IValidateOptions<LabOptions>;

/// <summary>
/// Refuses <c>Lab:Enabled=true</c> in the Production environment (protocol section 14: the host MUST NOT start) and
/// checks that <see cref="LabOptions.Destination"/> parses. Runs on start through <c>ValidateOnStart</c>.
/// </summary>
internal sealed class LabPolicyValidator(IHostEnvironment environment) : IValidateOptions<LabOptions>
{
    public ValidateOptionsResult Validate(string? name, LabOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (LabModePolicy.Evaluate(options.Enabled, environment.EnvironmentName) == LabModeDecision.RefusedInProduction)
        {
            return ValidateOptionsResult.Fail(
                $"Lab:Enabled=true is refused in the {environment.EnvironmentName} environment: lab mode sends every broadcast as plain, "
                + "unauthenticated RTP (docs/protocol.md section 14). Remove Lab:Enabled, or run a lab instance with "
                + "DOTNET_ENVIRONMENT=Development (or --environment Development); see docs/lab-mode.md.");
        }

        if (!IPEndPoint.TryParse(options.Destination, out var destination) || destination.Port is < 1 or > 65535)
        {
            return ValidateOptionsResult.Fail($"Lab:Destination '{options.Destination}' is not an address:port such as 127.0.0.1:5006");
        }

        return ValidateOptionsResult.Success;
    }
}
