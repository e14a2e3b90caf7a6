namespace Broadcast.Scheduling.Definitions;

/// <summary>Body of <c>POST /api/schedules/{id}/skip</c>: <c>{"date":"2026-12-02","reason":"Quốc khánh"}</c>.</summary>
public sealed record SkipRequest(string? Date, string? Reason);
