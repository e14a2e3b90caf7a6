namespace Broadcast.Monitoring.Hosting;

/// <summary>What one poll changed: alerts raised and resolved (groups included), and webhook messages queued.</summary>
internal sealed record PollOutcome(int Raised, int Resolved, int Notifications);
