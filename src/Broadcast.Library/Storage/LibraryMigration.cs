namespace Broadcast.Library.Storage;

/// <summary>What an upgrade of <c>library.db</c> decided for the rows it found (recorded in the audit trail).</summary>
/// <param name="FromVersion">Schema of the file before.</param>
/// <param name="ToVersion">Schema now.</param>
/// <param name="KeptApproved">Rows that were already approved.</param>
/// <param name="DistrictApproved">District programmes counted as approved.</param>
/// <param name="CommuneSubmitted">Commune items submitted for review.</param>
internal sealed record LibraryMigration(int FromVersion, int ToVersion, int KeptApproved, int DistrictApproved, int CommuneSubmitted);
