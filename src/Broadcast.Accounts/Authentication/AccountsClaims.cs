using System.Security.Claims;
using Broadcast.Accounts.Sessions;
using Broadcast.Accounts.Users;

namespace Broadcast.Accounts.Authentication;

/// <summary>The claims a session yields; built from the user row on every request so changes apply at once.</summary>
internal static class AccountsClaims
{
    public const string Commune = "bcast:commune";
    public const string ApproverScope = "bcast:approver-scope";
    public const string Emergency = "bcast:emergency";
    public const string MustChange = "bcast:must-change";
    public const string SessionKind = "bcast:session";
    public const string DisplayName = "bcast:display-name";

    public static ClaimsPrincipal Principal(UserAccount user, SessionKind kind, string scheme)
    {
        ArgumentNullException.ThrowIfNull(user);
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, user.Name),
            new(DisplayName, user.DisplayName),
            new(ApproverScope, user.ApproverScope.ToString()),
            new(SessionKind, kind.ToString()),
        };
        claims.AddRange(user.Roles.Select(r => new Claim(ClaimTypes.Role, r.ToString())));
        claims.AddRange(user.Communes.Select(c => new Claim(Commune, c)));
        if (user.EmergencyPermission)
        {
            claims.Add(new Claim(Emergency, "true"));
        }

        if (user.MustChangePassword)
        {
            claims.Add(new Claim(MustChange, "true"));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }
}
