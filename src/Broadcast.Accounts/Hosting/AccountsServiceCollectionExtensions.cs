using Broadcast.Accounts.Authentication;
using Broadcast.Accounts.Authorization;
using Broadcast.Accounts.Login;
using Broadcast.Accounts.Management;
using Broadcast.Accounts.Passwords;
using Broadcast.Accounts.Scope;
using Broadcast.Accounts.Sessions;
using Broadcast.Accounts.Storage;
using Broadcast.Controller.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Broadcast.Accounts.Hosting;

/// <summary>Composition of accounts, sessions and the central authorisation.</summary>
public static class AccountsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the accounts database (<c>{Controller:DataDir}/accounts.db</c>), session authentication (bearer and
    /// cookie), the authorisation services, <see cref="ICurrentUser"/>, <see cref="ITargetScopeChecker"/> and the
    /// first-admin seeding. Pair with <see cref="AccountsApplicationBuilderExtensions.UseBroadcastAccounts"/>.
    /// </summary>
    public static IServiceCollection AddBroadcastAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<AccountsOptions>().BindConfiguration(AccountsOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AccountsOptions>, AccountsOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AccountsOptions>, AccountsPolicyValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new AccountsDatabase(
            Path.Combine(sp.GetRequiredService<IOptions<ControllerOptions>>().Value.DataDir, AccountsDatabase.FileName)));
        services.TryAddSingleton<UserStore>();
        services.TryAddSingleton<SessionStore>();
        services.TryAddSingleton<AccountPasswordHasher>();
        services.TryAddSingleton<AccountsAudit>();
        services.TryAddSingleton<SessionService>();
        services.TryAddSingleton<LoginService>();
        services.TryAddSingleton<AccountManager>();
        services.TryAddSingleton<TargetScopeChecker>();
        services.TryAddSingleton<ITargetScopeChecker>(sp => sp.GetRequiredService<TargetScopeChecker>());
        services.TryAddSingleton<ResourceTargets>();
        services.TryAddSingleton<RequestScopeGate>();
        services.AddHttpContextAccessor();
        services.TryAddScoped<ICurrentUser, CurrentUser>();
        services.AddResourceTarget("/api/broadcasts/{}", BuiltInResourceTargets.Broadcast);
        services.AddResourceTarget("/api/queue/items/{}", BuiltInResourceTargets.QueueItem);
        services.AddHostedService<FirstAdminSeeder>();
        services.AddProblemDetails();

        // The core services, not AddAuthentication(): that one also registers ASP.NET data protection, whose key ring
        // nothing here uses (sessions are opaque tokens in accounts.db) and which would write an unencrypted key into
        // the service user's home directory and warn about it at every first start.
        services.AddAuthenticationCore(o => o.DefaultScheme = AccountsDefaults.Scheme);
        services.AddWebEncoders();
        new AuthenticationBuilder(services)
            .AddScheme<AuthenticationSchemeOptions, SessionAuthenticationHandler>(AccountsDefaults.Scheme, configureOptions: null);

        // Belt and braces under the permission table: with accounts on, an endpoint without [AllowAnonymous] needs a
        // session even if the permission middleware were ever left out of the pipeline.
        var enabled = configuration.GetSection(AccountsOptions.Section).GetValue(nameof(AccountsOptions.Enabled), true);
        services.AddAuthorization(o =>
        {
            if (enabled)
            {
                o.FallbackPolicy = new AuthorizationPolicyBuilder(AccountsDefaults.Scheme).RequireAuthenticatedUser().Build();
            }
        });
        return services;
    }

    /// <summary>
    /// Tells the central check what the resources under <paramref name="pattern"/> target (for example
    /// <c>/api/schedules/{}</c> → the schedule's target expression), so commune-scoped users may use those routes.
    /// Without one, a commune-scoped user is refused on routes that carry only an id.
    /// </summary>
    public static IServiceCollection AddResourceTarget(this IServiceCollection services, string pattern, ResourceTargetLookup lookup)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        services.AddSingleton(new ResourceTargetRegistration(pattern.ToLowerInvariant().TrimEnd('/'), lookup));
        return services;
    }
}
