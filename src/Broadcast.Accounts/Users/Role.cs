namespace Broadcast.Accounts.Users;

/// <summary>What a person does at the station; a user holds one or more (docs/accounts.md has the matrix).</summary>
public enum Role
{
    /// <summary>Reads the state of the network: endpoints, broadcasts, library, schedules. No audit, no accounts.</summary>
    Viewer,

    /// <summary>Provisions, revokes and tunes endpoints; reads everything except accounts.</summary>
    Technician,

    /// <summary>Uploads and airs bulletins for the communes in the user's scope, at commune or background priority.</summary>
    CommuneEditor,

    /// <summary>Approves content (district-wide, or for the communes in the user's scope) and reads the audit trail.</summary>
    Approver,

    /// <summary>Airs, schedules and queues anywhere in the district; emergency only with the emergency permission.</summary>
    DistrictOperator,

    /// <summary>Everything, including user management.</summary>
    Admin,
}

/// <summary>Where an <see cref="Role.Approver"/> may approve.</summary>
public enum ApproverScope
{
    /// <summary>Anywhere in the district.</summary>
    District,

    /// <summary>Only items of the user's communes.</summary>
    Commune,
}
