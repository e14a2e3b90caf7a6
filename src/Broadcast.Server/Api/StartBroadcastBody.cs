namespace Broadcast.Server.Api;

/// <summary>Body of <c>POST /api/broadcasts</c>: <c>{"programme": "news.opus", "target": "commune:Y Tý", "priority": "district"}</c>.</summary>
public sealed record StartBroadcastBody(string? Programme, string? Target, string? Priority);
