namespace Broadcast.Audit.Requests;

/// <summary>A request parameter that cannot be used: which one, and a message that says how to fix it.</summary>
public sealed record AuditRequestError(string Parameter, string Message);
