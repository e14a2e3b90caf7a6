namespace Broadcast.Controller.Broadcasts;

/// <summary>Why a start request failed, mapped to HTTP status by the API.</summary>
public enum StartFailure
{
    None = 0,

    /// <summary>The request names a target, file or priority that does not exist (400).</summary>
    BadRequest = 1,

    /// <summary>Every target endpoint is held by an equal or higher priority broadcast (409).</summary>
    Refused = 2,
}

/// <summary>Result of <see cref="BroadcastManager.StartBroadcastAsync"/>: the broadcast, or a failure with a technician's message.</summary>
public sealed record StartOutcome(BroadcastInfo? Broadcast, StartFailure Failure, string? Error)
{
    public static StartOutcome Fail(StartFailure failure, string error) => new(null, failure, error);
}
