namespace Broadcast.Library.Tests.Fakes;

/// <summary>Reports a future schedule for the programme ids a test puts in <see cref="Uses"/>.</summary>
public sealed class FakeProgrammeUsage : IProgrammeUsage
{
    public Dictionary<string, string> Uses { get; } = new(StringComparer.Ordinal);

    public string? FindFutureUse(string programmeId) => Uses.GetValueOrDefault(programmeId);
}
