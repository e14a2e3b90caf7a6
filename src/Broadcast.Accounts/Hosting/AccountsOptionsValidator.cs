using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Broadcast.Accounts.Hosting;

[OptionsValidator]
internal sealed partial class AccountsOptionsValidator : IValidateOptions<AccountsOptions>;

/// <summary>
/// Refuses <c>Accounts:Enabled=false</c> outside the Development environment: switching authentication off is a
/// convenience for a developer's own machine, never for a station.
/// </summary>
internal sealed class AccountsPolicyValidator(IHostEnvironment environment) : IValidateOptions<AccountsOptions>
{
    public ValidateOptionsResult Validate(string? name, AccountsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled && !environment.IsDevelopment())
        {
            return ValidateOptionsResult.Fail(
                $"Accounts:Enabled=false is refused in the {environment.EnvironmentName} environment: the API would accept anyone's "
                + "commands. Remove Accounts:Enabled, or run a developer instance with --environment Development.");
        }

        if (options.SessionMaxLifetime < options.SessionLifetime)
        {
            return ValidateOptionsResult.Fail(
                $"Accounts:SessionMaxLifetime ({options.SessionMaxLifetime}) is shorter than Accounts:SessionLifetime ({options.SessionLifetime})");
        }

        return options.InitialAdminPassword is { Length: > 0 } initial && initial.Length < options.MinPasswordLength
            ? ValidateOptionsResult.Fail($"Accounts:InitialAdminPassword is shorter than Accounts:MinPasswordLength ({options.MinPasswordLength} characters)")
            : ValidateOptionsResult.Success;
    }
}
