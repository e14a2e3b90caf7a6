using Broadcast.Accounts.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Broadcast.Accounts.Hosting;

public static class AccountsApplicationBuilderExtensions
{
    /// <summary>
    /// Authentication, the framework's authorisation (fallback policy) and the central permission check, in that
    /// order; call after <c>UseExceptionHandler</c> and before mapping endpoints. Static files that must be public
    /// (the console's login page) go before this call.
    /// </summary>
    public static WebApplication UseBroadcastAccounts(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<PermissionMiddleware>();
        if (!app.Services.GetRequiredService<IOptions<AccountsOptions>>().Value.Enabled)
        {
            app.Lifetime.ApplicationStarted.Register(() =>
                AccountsLog.AccountsDisabled(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Broadcast.Accounts"), string.Join(", ", app.Urls)));
        }

        return app;
    }
}
