using Broadcast.Library;

namespace Broadcast.Scheduling.Programmes;

/// <summary>
/// Whether a schedule may name a programme: a library id (the library then refuses to delete it while a future slot
/// plays it), or, as <c>POST /api/broadcasts</c> accepts, an absolute path to an audio file on the controller.
/// </summary>
internal sealed class ProgrammeLookup(IProgrammeCatalog? catalog = null)
{
    public bool Exists(string programme)
    {
        ArgumentNullException.ThrowIfNull(programme);
        return catalog?.Find(programme) is not null || (Path.IsPathFullyQualified(programme) && File.Exists(programme));
    }

    /// <summary>Why a library programme may not be scheduled (it is not approved), or null; files on the controller pass.</summary>
    public string? WhyNotSchedulable(string programme) =>
        catalog?.Find(programme) is { } record ? ApprovalGate.WhyNotPlayable(record, emergency: false) : null;
}
