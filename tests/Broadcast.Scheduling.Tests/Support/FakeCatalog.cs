using Broadcast.Library;

namespace Broadcast.Scheduling.Tests.Support;

/// <summary>A programme library holding the given ids.</summary>
internal sealed class FakeCatalog(params string[] ids) : IProgrammeCatalog
{
    public ProgrammeRecord? Find(string id) => ids.Contains(id, StringComparer.Ordinal)
        ? new ProgrammeRecord(id, $"Programme {id}", "news", null, "tester", 60, -16, "hash", 1000, $"/library/{id}.opus", DateTimeOffset.UnixEpoch, "tester", DateTimeOffset.UnixEpoch, "approver")
        : null;
}
