namespace Broadcast.Library.Bulletins;

/// <summary>
/// Where a bulletin stands as people see it: the <see cref="ProgrammeState"/>, with an approved one shown as
/// <see cref="Scheduled"/> while a future schedule plays it and as <see cref="Aired"/> once it went on air.
/// </summary>
public enum BulletinStatus
{
    Draft,
    Submitted,
    Approved,
    Rejected,
    Scheduled,
    Aired,
}
