using Broadcast.Accounts.Users;

namespace Broadcast.Accounts.Management;

/// <summary>Combinations of roles, communes and flags that make sense; the messages say what to change.</summary>
internal static class RoleRules
{
    public static string? Problem(IReadOnlyList<Role> roles, IReadOnlyList<string> communes, ApproverScope scope, bool emergency)
    {
        if (roles.Count == 0)
        {
            return "roles: give at least one of Admin, DistrictOperator, CommuneEditor, Approver, Technician, Viewer";
        }

        var communeApprover = roles.Contains(Role.Approver) && scope == ApproverScope.Commune;
        var needsCommunes = roles.Contains(Role.CommuneEditor) || communeApprover;
        if (needsCommunes && communes.Count == 0)
        {
            return roles.Contains(Role.CommuneEditor)
                ? "communes: a CommuneEditor needs at least one commune"
                : "communes: an Approver with approverScope commune needs at least one commune";
        }

        if (!needsCommunes && communes.Count > 0)
        {
            return "communes apply only to a CommuneEditor or an Approver with approverScope commune; remove them or change the roles";
        }

        if (scope == ApproverScope.Commune && !roles.Contains(Role.Approver))
        {
            return "approverScope commune applies only to an Approver";
        }

        return emergency && !roles.Contains(Role.DistrictOperator) && !roles.Contains(Role.Admin)
            ? "emergencyPermission can be granted only to a DistrictOperator or an Admin"
            : null;
    }
}
