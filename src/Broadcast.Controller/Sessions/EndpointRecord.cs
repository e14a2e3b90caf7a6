using System.Net;
using Broadcast.Protocol.Control;
using Broadcast.Protocol.Identity;

namespace Broadcast.Controller.Sessions;

/// <summary>
/// Everything the controller knows about one endpoint; one stable object per id for the life of the process, so the
/// pacer can hold it while sessions and routes come and go (fields it reads are swapped atomically).
/// </summary>
internal sealed class EndpointRecord(string id, string commune, string hamlet, string transport, string district)
{
    private EndpointSession? _session;
    private MediaRoute? _route;

    public string Id { get; } = id;

    public string Commune { get; } = commune;

    public string Hamlet { get; } = hamlet;

    /// <summary><c>udp</c> or <c>mqtt</c> (topology).</summary>
    public string Transport { get; } = transport;

    public bool UsesMqttMedia => Transport == "mqtt";

    public string CommandTopic { get; } = Topics.Command(district, id).Topic;

    public string SessionTopic { get; } = Topics.Session(district, id).Topic;

    public string MediaTopic { get; } = Topics.Media(district, id).Topic;

    public EndpointSession? Session => Volatile.Read(ref _session);

    public MediaRoute? Route => Volatile.Read(ref _route);

    public EndpointRegistration? Registration { get; set; }

    public bool Online { get; set; }

    /// <summary>Address the broker reported for the last accepted Hello.</summary>
    public IPAddress? Address { get; set; }

    public DateTimeOffset? LastSeen { get; set; }

    public StatusMessage? LastStatus { get; set; }

    /// <summary>Installs a new session; returns the one it replaces (the caller disposes it) and forgets the route.</summary>
    public EndpointSession? ReplaceSession(EndpointSession? session)
    {
        Volatile.Write(ref _route, null);
        return Interlocked.Exchange(ref _session, session);
    }

    public void SetRoute(MediaRoute? route) => Volatile.Write(ref _route, route);
}
