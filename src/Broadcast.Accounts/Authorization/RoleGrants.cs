using Broadcast.Accounts.Users;

namespace Broadcast.Accounts.Authorization;

/// <summary>
/// The role side of the matrix in docs/accounts.md: which roles hold a permission district-wide and which only within
/// the user's communes. A user with several roles gets the widest grant among them.
/// </summary>
internal static class RoleGrants
{
    private static readonly Dictionary<Permission, Role[]> DistrictWide = new()
    {
        [Permission.Read] = [Role.Viewer, Role.Technician, Role.CommuneEditor, Role.Approver, Role.DistrictOperator, Role.Admin],
        [Permission.AuditRead] = [Role.Technician, Role.DistrictOperator, Role.Admin],
        [Permission.EndpointsManage] = [Role.Technician, Role.Admin],
        [Permission.Broadcast] = [Role.DistrictOperator, Role.Admin],
        [Permission.Schedule] = [Role.DistrictOperator, Role.Admin],
        [Permission.Queue] = [Role.DistrictOperator, Role.Admin],
        [Permission.Volume] = [Role.Technician, Role.DistrictOperator, Role.Admin],
        [Permission.ProgrammeUpload] = [Role.DistrictOperator, Role.Admin],
        [Permission.ProgrammeManage] = [Role.DistrictOperator, Role.Admin],
        [Permission.ProgrammeApprove] = [Role.Admin],
        [Permission.AlertsAcknowledge] = [Role.Technician, Role.DistrictOperator, Role.Admin],
        [Permission.AccountsManage] = [Role.Admin],
    };

    // Roles that hold the permission within their communes only; an Approver with district scope is district-wide.
    private static readonly Dictionary<Permission, Role[]> CommuneScoped = new()
    {
        [Permission.AuditRead] = [Role.Approver],
        [Permission.Broadcast] = [Role.CommuneEditor],
        [Permission.Schedule] = [Role.CommuneEditor],
        [Permission.Queue] = [Role.CommuneEditor],
        [Permission.Volume] = [Role.CommuneEditor],
        [Permission.ProgrammeUpload] = [Role.CommuneEditor],
        [Permission.ProgrammeManage] = [Role.CommuneEditor],
        [Permission.ProgrammeApprove] = [Role.Approver],
    };

    /// <summary>The roles that hold <paramref name="permission"/> in some scope, for messages.</summary>
    public static IReadOnlyList<Role> Holders(Permission permission) =>
        [.. DistrictWide.GetValueOrDefault(permission, []).Concat(CommuneScoped.GetValueOrDefault(permission, [])).Distinct().Order()];

    public static Grant For(ICurrentUser user, Permission permission)
    {
        ArgumentNullException.ThrowIfNull(user);
        switch (permission)
        {
            case Permission.Anonymous:
                return Grant.District;
            case Permission.Self:
                return user.IsAuthenticated ? Grant.District : Grant.Denied;
            case Permission.SignedIn:
                return user.IsAuthenticated && !user.MustChangePassword ? Grant.District : Grant.Denied;
        }

        if (user.Unrestricted)
        {
            return Grant.District;
        }

        if (!user.IsAuthenticated || user.MustChangePassword)
        {
            return Grant.Denied;
        }

        var scopedRoles = new List<Role>();
        foreach (var role in user.Roles)
        {
            if (DistrictWide.GetValueOrDefault(permission, []).Contains(role)
                || (role == Role.Approver && user.ApproverScope == ApproverScope.District && CommuneScoped.GetValueOrDefault(permission, []).Contains(role)))
            {
                return Grant.District;
            }

            if (CommuneScoped.GetValueOrDefault(permission, []).Contains(role))
            {
                scopedRoles.Add(role);
            }
        }

        return scopedRoles.Count == 0 || user.Communes.Count == 0
            ? Grant.Denied
            : new Grant(true, user.Communes.ToHashSet(StringComparer.Ordinal), Label(scopedRoles));
    }

    private static string Label(List<Role> roles) => string.Join(" and ", roles.Select(r => r switch
    {
        Role.CommuneEditor => "commune editor",
        Role.Approver => "commune approver",
        _ => r.ToString(),
    }));
}
