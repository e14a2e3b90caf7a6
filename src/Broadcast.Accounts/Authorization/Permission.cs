using System.Diagnostics.CodeAnalysis;

namespace Broadcast.Accounts.Authorization;

/// <summary>
/// What an API call needs. <see cref="PermissionTable"/> maps every route to one of these; <see cref="RoleGrants"/>
/// says which roles hold each, district-wide or within the user's communes.
/// </summary>
[SuppressMessage("Naming", "CA1711", Justification = "The domain word; this is not a System.Security code-access permission.")]
public enum Permission
{
    /// <summary>No login: logging in, the OpenAPI document and its reference page.</summary>
    Anonymous,

    /// <summary>Any signed-in user, even one who must first change the password: logout, change password.</summary>
    Self,

    /// <summary>Any signed-in user who has no pending password change: <c>GET /api/auth/me</c>.</summary>
    SignedIn,

    /// <summary>Reading the network's state: endpoints, broadcasts, metrics, library, schedules, queue.</summary>
    Read,

    /// <summary>Reading the audit trail.</summary>
    AuditRead,

    /// <summary>Provisioning, revoking and tuning endpoints.</summary>
    EndpointsManage,

    /// <summary>Starting, stopping, pausing and resuming broadcasts.</summary>
    Broadcast,

    /// <summary>Creating and changing schedules.</summary>
    Schedule,

    /// <summary>Changing the play queue.</summary>
    Queue,

    /// <summary>Setting the volume of a target.</summary>
    Volume,

    /// <summary>Uploading a programme.</summary>
    ProgrammeUpload,

    /// <summary>Changing or deleting a programme.</summary>
    ProgrammeManage,

    /// <summary>Approving (or rejecting) content.</summary>
    ProgrammeApprove,

    /// <summary>Acknowledging monitoring alerts.</summary>
    AlertsAcknowledge,

    /// <summary>User management: <c>/api/accounts</c>.</summary>
    AccountsManage,
}
