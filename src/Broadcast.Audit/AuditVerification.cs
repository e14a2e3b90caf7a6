namespace Broadcast.Audit;

/// <summary>Outcome of <see cref="IAuditVerifier.Verify"/>.</summary>
/// <param name="Intact">True when every entry chains to the one before and the append-only triggers are in place.</param>
/// <param name="EntriesChecked">Entries whose chain was confirmed (all of them when <paramref name="Intact"/>).</param>
/// <param name="FirstBrokenSequence">The first sequence number that fails the check; null when the chain holds.</param>
/// <param name="Problem">What is wrong, for a technician; null when intact.</param>
/// <param name="LastSequence">The last sequence number in the file.</param>
/// <param name="HeadHash">
/// SHA-256 of the last confirmed entry (hex). Noting it down (for example with each monthly export) lets a later
/// check show that no entry was removed from the end, which the chain alone cannot show.
/// </param>
/// <param name="TriggersPresent">False when the triggers that refuse UPDATE and DELETE were removed.</param>
public sealed record AuditVerification(
    bool Intact,
    long EntriesChecked,
    long? FirstBrokenSequence,
    string? Problem,
    long LastSequence,
    string HeadHash,
    bool TriggersPresent);
