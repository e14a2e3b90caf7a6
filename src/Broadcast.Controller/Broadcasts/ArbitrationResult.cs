namespace Broadcast.Controller.Broadcasts;

/// <summary>One endpoint granted to a request; <see cref="Preempted"/> is the broadcast it took the endpoint from.</summary>
internal sealed record Grant(string EndpointId, long? Preempted);

/// <summary>One endpoint refused to a request, with the broadcast that holds it and why.</summary>
internal sealed record Refusal(string EndpointId, long Holder, BroadcastPriority HolderPriority, string Reason);

/// <summary>Outcome of <see cref="BroadcastArbiter.Request"/>.</summary>
internal sealed record ArbitrationResult(IReadOnlyList<Grant> Granted, IReadOnlyList<Refusal> Refused);

/// <summary>After a release: the endpoint and the broadcast that plays there again (null: nothing).</summary>
internal sealed record Resumption(string EndpointId, long? Resumed);
