namespace Broadcast.Server.Api;

/// <summary>One endpoint as <c>GET /api/endpoints</c> shows it.</summary>
public sealed record EndpointView(
    string Id,
    string Commune,
    string Hamlet,
    bool Online,
    string? Address,
    string? MediaAddress,
    string Transport,
    uint PlayingChannel,
    int? Volume,
    int? BufferMs,
    int? LossPerTenThousand,
    DateTimeOffset? LastSeen);
