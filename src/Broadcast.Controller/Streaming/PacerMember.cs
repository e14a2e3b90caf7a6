using Broadcast.Controller.Sessions;

namespace Broadcast.Controller.Streaming;

/// <summary>One endpoint a pacer sends to, with its delivery counters (written by the pacer thread only).</summary>
internal sealed class PacerMember(EndpointRecord endpoint)
{
    public EndpointRecord Endpoint { get; } = endpoint;

    public long PacketsSent;

    public long SendErrors;

    /// <summary>Frames not sent because the endpoint had no session or no registered UDP route yet.</summary>
    public long NotRouted;
}
