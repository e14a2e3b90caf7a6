namespace Broadcast.Library.Http;

/// <summary>Body of approve, reject and review: <see cref="Reason"/> is required to reject; <see cref="Note"/> goes to the audit trail.</summary>
public sealed record DecisionBody(string? Reason = null, string? Note = null);
