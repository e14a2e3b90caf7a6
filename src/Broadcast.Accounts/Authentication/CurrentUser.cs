using System.Security.Claims;
using Broadcast.Accounts.Hosting;
using Broadcast.Accounts.Users;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Broadcast.Accounts.Authentication;

/// <summary><see cref="ICurrentUser"/> over the request's principal (set by <see cref="SessionAuthenticationHandler"/>).</summary>
internal sealed class CurrentUser : ICurrentUser
{
    public CurrentUser(IHttpContextAccessor accessor, IOptions<AccountsOptions> options)
        : this(accessor?.HttpContext?.User, !options.Value.Enabled)
    {
    }

    public CurrentUser(ClaimsPrincipal? principal, bool unrestricted)
    {
        Unrestricted = unrestricted;
        var p = principal ?? new ClaimsPrincipal();
        IsAuthenticated = p.Identity is { IsAuthenticated: true, AuthenticationType: AccountsDefaults.Scheme };
        if (!IsAuthenticated)
        {
            Name = unrestricted ? Audit.AuditActors.Local : "anonymous";
            DisplayName = Name;
            return;
        }

        Name = p.FindFirstValue(ClaimTypes.Name) ?? "anonymous";
        DisplayName = p.FindFirstValue(AccountsClaims.DisplayName) is { Length: > 0 } d ? d : Name;
        Roles = [.. p.FindAll(ClaimTypes.Role).Select(c => Enum.Parse<Role>(c.Value))];
        Communes = [.. p.FindAll(AccountsClaims.Commune).Select(c => c.Value)];
        ApproverScope = Enum.TryParse<ApproverScope>(p.FindFirstValue(AccountsClaims.ApproverScope), out var scope) ? scope : ApproverScope.District;
        HasEmergencyPermission = p.HasClaim(AccountsClaims.Emergency, "true");
        MustChangePassword = p.HasClaim(AccountsClaims.MustChange, "true");
    }

    public bool IsAuthenticated { get; }

    public bool Unrestricted { get; }

    public string Name { get; }

    public string DisplayName { get; }

    public IReadOnlyList<Role> Roles { get; } = [];

    public IReadOnlyList<string> Communes { get; } = [];

    public ApproverScope ApproverScope { get; }

    public bool HasEmergencyPermission { get; }

    public bool MustChangePassword { get; }

    public bool IsInRole(Role role) => Roles.Contains(role);
}
