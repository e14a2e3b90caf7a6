namespace Broadcast.Audit;

/// <summary>
/// Checks the trail's hash chain, so that a change made to the database file outside the API (triggers dropped, a row
/// edited or removed with a SQLite tool) is detected.
/// </summary>
public interface IAuditVerifier
{
    /// <summary>Walks every entry from the first and reports the first one whose chain is broken.</summary>
    AuditVerification Verify();
}
