namespace Broadcast.Library.Bulletins;

/// <summary>
/// The person taking a workflow step, as the library needs to know them: the name (audit trail, four-eyes) and where
/// they may approve. The server builds it from the signed-in account; roles and commune scope for uploading and
/// editing are checked there, before the library is asked.
/// </summary>
/// <param name="Name">Login name, recorded as the actor.</param>
public sealed record BulletinActor(string Name)
{
    /// <summary>Where this person may approve, reject and review; <see cref="ApprovalScope.None"/> for non-approvers.</summary>
    public ApprovalScope Approval { get; init; } = ApprovalScope.None;

    /// <summary>
    /// Accounts are off (a development set-up where everybody acts as <c>local</c>): the four-eyes rule cannot tell two
    /// people apart, so it is not applied, and the audit entry says so.
    /// </summary>
    public bool SingleUser { get; init; }
}
