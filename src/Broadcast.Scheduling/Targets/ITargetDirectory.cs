namespace Broadcast.Scheduling.Targets;

/// <summary>Checks target expressions (<c>all</c>, <c>commune:NAME</c>, ...) against the district and names their communes.</summary>
internal interface ITargetDirectory
{
    TargetLookup Lookup(string? target);
}

/// <summary>A target that resolved (with its communes, for the audit trail) or why it did not.</summary>
internal sealed record TargetLookup(string? Error, IReadOnlyList<string> Communes)
{
    public bool IsOk => Error is null;
}
