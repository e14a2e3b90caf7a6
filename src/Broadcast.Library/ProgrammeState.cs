namespace Broadcast.Library;

/// <summary>
/// The approval workflow of a programme (a bulletin): draft -> submitted -> approved or rejected. Only approved
/// programmes may be broadcast or scheduled (<see cref="ApprovalGate"/>); changing an approved one sends it back to
/// submitted. The names are stable: the database, the API and the audit trail use them in lower case.
/// </summary>
public enum ProgrammeState
{
    /// <summary>Uploaded or read by text-to-speech, not yet sent for approval.</summary>
    Draft,

    /// <summary>Waiting for an approver.</summary>
    Submitted,

    /// <summary>May air.</summary>
    Approved,

    /// <summary>Refused by an approver, with a reason; the editor changes it and submits it again.</summary>
    Rejected,
}
