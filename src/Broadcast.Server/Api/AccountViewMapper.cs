using Broadcast.Accounts.Authentication;
using Broadcast.Accounts.Authorization;
using Broadcast.Accounts.Management;
using Broadcast.Accounts.Users;

namespace Broadcast.Server.Api;

/// <summary>Turns stored accounts into the API's views.</summary>
internal static class AccountViewMapper
{
    // The permissions worth showing a console (the sign-in ones every user has are left out).
    private static readonly Permission[] Shown = [.. Enum.GetValues<Permission>().Where(p => p > Permission.SignedIn)];

    public static AccountView ToView(this UserAccount u, AccountManager accounts) => new(
        u.Name, u.DisplayName, u.Roles, Communes(u, accounts), u.Has(Role.Approver) ? u.ApproverScope : null,
        u.EmergencyPermission, u.Disabled, u.MustChangePassword, u.LockedUntil, u.CreatedAt, u.LastLoginAt);

    public static MeView ToMe(this UserAccount u, AccountManager accounts, SessionView? session)
    {
        var user = new CurrentUser(AccountsClaims.Principal(u, session?.Kind ?? default, AccountsDefaults.Scheme), unrestricted: false);
        var permissions = new SortedDictionary<Permission, string>();
        foreach (var p in Shown)
        {
            var grant = RoleGrants.For(user, p);
            if (grant.Allowed)
            {
                permissions[p] = grant.IsScoped ? "commune" : "district";
            }
        }

        return new MeView(u.Name, u.DisplayName, u.Roles, Communes(u, accounts), u.Has(Role.Approver) ? u.ApproverScope : null,
            u.EmergencyPermission, u.MustChangePassword, permissions, session);
    }

    private static CommuneRef[] Communes(UserAccount u, AccountManager accounts) =>
        [.. u.Communes.Select(id => new CommuneRef(id, accounts.CommuneName(id)))];
}
