namespace Broadcast.Library.Bulletins;

/// <summary>A programme with its workflow status and, when scheduled, the schedule that plays it next.</summary>
public sealed record Bulletin(ProgrammeRecord Programme, BulletinStatus Status, string? NextUse);
