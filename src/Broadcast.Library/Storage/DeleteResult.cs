namespace Broadcast.Library.Storage;

/// <summary>The outcome of <see cref="ProgrammeStore.DeleteAsync"/>.</summary>
/// <param name="Status">What happened.</param>
/// <param name="Record">The programme (as it was), or null when not found.</param>
/// <param name="Usage">For <see cref="DeleteStatus.InUse"/>: the schedule that still needs it, as the scheduler describes it.</param>
public sealed record DeleteResult(DeleteStatus Status, ProgrammeRecord? Record, string? Usage = null);
