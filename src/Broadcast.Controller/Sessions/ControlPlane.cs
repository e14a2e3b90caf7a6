using System.Net;
using Broadcast.Controller.Broadcasts;
using Broadcast.Controller.Hosting;
using Broadcast.Controller.Metrics;
using Broadcast.Controller.Mqtt;
using Broadcast.Protocol.Control;
using Broadcast.Protocol.Handshake;
using Broadcast.Protocol.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Broadcast.Controller.Sessions;

/// <summary>
/// Handles what endpoints send: Hello (handshake, protocol section 5), Status over MQTT (heartbeat, last will), reports,
/// and UDP registrations (protocol section 11.1). Called from the MQTT client and the UDP listener.
/// </summary>
internal sealed class ControlPlane(
    ControllerHandshake handshake,
    JsonEndpointRegistry? registry,
    SessionTable sessions,
    MqttOutbox outbox,
    BroadcastManager broadcasts,
    BroadcastMetrics metrics,
    SecurityEventCounter securityEvents,
    IOptions<ControllerOptions> options,
    TimeProvider time,
    ILogger<ControlPlane> logger)
{
    private readonly Lock _gate = new();

    // Ids whose revocation has been carried out (protocol section 10). Registrations already revoked when the
    // controller started have no session to drop. Guarded by _gate.
    private readonly HashSet<string> _revoked = registry is null
        ? new(StringComparer.Ordinal)
        : registry.All.Where(r => r.Revoked).Select(r => r.Id).ToHashSet(StringComparer.Ordinal);

    public void OnHello(string topicEndpointId, ReadOnlySpan<byte> hello, IPAddress? observed)
    {
        // Session is 76 bytes (protocol section 5.2); SessionMessage.Size is internal to the protocol library.
        var sessionMessage = new byte[76];
        var result = handshake.ConsumeHello(hello, topicEndpointId, observed, sessionMessage);
        if (result.Status == HandshakeStatus.UnknownEndpoint && registry is not null)
        {
            // bcast endpoint provision may have added it to endpoints.json since we read it. The same read may
            // bring revocations the registry watcher has not seen yet: carry them out now.
            registry.Reload();
            ReconcileRevocations("registry re-read for an unknown key's Hello");
            result = handshake.ConsumeHello(hello, topicEndpointId, observed, sessionMessage);
        }

        if (!result.IsAccepted || result.Endpoint is not { } registration || result.Keys is not { } keys)
        {
            metrics.HandshakeRefused(result.Status.ToString());
            securityEvents.HelloRefused(result.Endpoint?.Id ?? topicEndpointId, result.Status, observed);
            ControllerLog.HelloRefused(
                logger, topicEndpointId, result.Status, observed?.ToString() ?? "unknown", result.Endpoint?.Binding.ToString() ?? "unknown", result.Message);
            return;
        }

        var record = sessions.Find(registration.Id) ?? sessions.GetOrAdd(registration.Id, registration.Commune, registration.Hamlet);
        lock (_gate)
        {
            // A revocation that landed between the handshake's registry check and here must win (protocol section 10).
            if (_revoked.Contains(registration.Id) || registry?.FindById(registration.Id) is { Revoked: true })
            {
                keys.Dispose();
                metrics.HandshakeRefused(nameof(HandshakeStatus.Revoked));
                ControllerLog.HelloRefused(
                    logger, topicEndpointId, HandshakeStatus.Revoked, observed?.ToString() ?? "unknown", registration.Binding.ToString(), $"endpoint {registration.Id} was revoked during the handshake");
                return;
            }

            record.Registration = registration;
            sessions.Install(record, new EndpointSession(keys));
            record.Address = observed ?? record.Address;
            MarkSeen(record);
        }

        if (result.Status == HandshakeStatus.AcceptedNewAddress)
        {
            ControllerLog.EndpointMoved(logger, registration.Id, result.PreviousAddress?.ToString() ?? "unknown", observed?.ToString() ?? "unknown");
        }

        metrics.HandshakeAccepted();
        ControllerLog.HelloAccepted(logger, registration.Id, observed?.ToString() ?? "unknown (external broker)");
        if (!outbox.TryPublishControl(record.SessionTopic, sessionMessage))
        {
            ControllerLog.ControlDropped(logger, registration.Id, "Session");
            return;
        }

        // Protocol section 5.3: after a re-handshake the current channel keys go out again under the new session.
        broadcasts.OnSessionEstablished(record);
    }

    /// <summary>
    /// Carries out the revocation of <paramref name="endpointId"/> (protocol section 10) unless already done: Bye(revoked),
    /// session dropped, channels rekeyed without it, marked offline, logged with <paramref name="trigger"/>. The caller
    /// has marked the registration revoked first, so any Hello completing afterwards is refused.
    /// </summary>
    /// <returns>False when this revocation had already been carried out.</returns>
    public bool ApplyRevocation(string endpointId, string trigger)
    {
        ArgumentNullException.ThrowIfNull(endpointId);
        lock (_gate)
        {
            return _revoked.Add(endpointId) && RevokeLocked(endpointId, trigger);
        }
    }

    /// <summary>
    /// Compares the registry with the revocations carried out: revokes the newly revoked endpoints, forgets endpoints
    /// the registry lists as active again (re-provisioned with a new key). Returns how many were revoked now.
    /// </summary>
    public int ReconcileRevocations(string trigger)
    {
        if (registry is null)
        {
            return 0;
        }

        var count = 0;
        lock (_gate)
        {
            foreach (var registration in registry.All)
            {
                if (registration.Revoked)
                {
                    if (_revoked.Add(registration.Id) && RevokeLocked(registration.Id, trigger))
                    {
                        count++;
                    }
                }
                else if (_revoked.Remove(registration.Id))
                {
                    broadcasts.Reinstate(registration.Id);
                }
            }
        }

        return count;
    }

    public void OnStatus(string endpointId, ReadOnlySpan<byte> payload)
    {
        var record = sessions.Find(endpointId);
        if (record is null)
        {
            return;
        }

        // The clear last will is advisory (protocol section 3): it may only ever mark the endpoint offline.
        if (payload.SequenceEqual(Topics.OfflineWill))
        {
            SetOffline(record, "last will");
            return;
        }

        if (OpenStatus(record, payload, endpointId) is { } status)
        {
            ApplyStatus(record, status);
        }
    }

    public void OnReport(string endpointId, ReadOnlySpan<byte> payload)
    {
        var session = sessions.Find(endpointId)?.Session;
        if (session is null)
        {
            return;
        }

        Span<byte> plain = stackalloc byte[ControlChannel.MaxPlaintextSize];
        var opened = session.Open(payload, plain, out _);
        ControllerLog.ReportReceived(logger, endpointId, opened);
    }

    /// <summary>A UDP datagram on the media socket: a sealed Status from the socket the endpoint receives media on.</summary>
    public void OnUdp(ReadOnlySpan<byte> datagram, IPEndPoint source)
    {
        if (ControlChannel.PeekReceiverIndex(datagram) is not { } index || sessions.FindByIndex(index) is not { } record
            || record.Session is not { } session)
        {
            metrics.UdpRegistrationRefused();
            return;
        }

        Span<byte> plain = stackalloc byte[ControlChannel.MaxPlaintextSize];
        var opened = session.Open(datagram, plain, out var length);
        if (opened != ControlOpenStatus.Ok || !StatusMessage.TryRead(plain[..length], out var status, out _))
        {
            metrics.UdpRegistrationRefused();
            ControllerLog.StatusUnreadable(logger, record.Id, opened.ToString());
            return;
        }

        var binding = record.Registration?.Binding;
        if (binding is null || !binding.Contains(source.Address))
        {
            metrics.UdpRegistrationRefused();
            securityEvents.WrongAddress(record.Id, source.Address);
            ControllerLog.UdpRegistrationRefused(logger, record.Id, binding?.ToString() ?? "unknown", source.ToString());
            return;
        }

        if (!source.Equals(record.Route?.EndPoint))
        {
            record.SetRoute(new MediaRoute(source));
            ControllerLog.MediaRouteSet(logger, record.Id, source.ToString());
        }

        ApplyStatus(record, status);
    }

    /// <summary>Marks offline every endpoint silent for more than MissedHeartbeats x Heartbeat.</summary>
    public void CheckHeartbeats()
    {
        var o = options.Value;
        var limit = o.Heartbeat * o.MissedHeartbeats;
        var now = time.GetUtcNow();
        foreach (var record in sessions.All)
        {
            if (record.Online && record.LastSeen is { } seen && now - seen > limit)
            {
                SetOffline(record, $"no heartbeat for {(now - seen).TotalSeconds:0} s");
            }
        }
    }

    private bool RevokeLocked(string endpointId, string trigger)
    {
        var (byeSent, channels) = broadcasts.Revoke(endpointId);
        if (sessions.Find(endpointId) is { } record)
        {
            SetOfflineLocked(record, "revoked");
        }

        ControllerLog.EndpointRevoked(logger, endpointId, trigger, byeSent ? "sent" : "not sent (no session)", channels);
        return true;
    }

    private StatusMessage? OpenStatus(EndpointRecord record, ReadOnlySpan<byte> payload, string endpointId)
    {
        if (record.Session is not { } session)
        {
            return null;
        }

        Span<byte> plain = stackalloc byte[ControlChannel.MaxPlaintextSize];
        var opened = session.Open(payload, plain, out var length);
        if (opened != ControlOpenStatus.Ok || !StatusMessage.TryRead(plain[..length], out var status, out _))
        {
            // A retained Status of an earlier session cannot open (protocol section 3): wait for the next heartbeat.
            ControllerLog.StatusUnreadable(logger, endpointId, opened.ToString());
            return null;
        }

        return status;
    }

    private void ApplyStatus(EndpointRecord record, StatusMessage status)
    {
        lock (_gate)
        {
            record.LastStatus = status;
            if (status.State == EndpointState.Offline)
            {
                SetOfflineLocked(record, "endpoint reported offline");
                return;
            }

            MarkSeen(record);
        }
    }

    private void MarkSeen(EndpointRecord record)
    {
        record.LastSeen = time.GetUtcNow();
        if (!record.Online)
        {
            record.Online = true;
            metrics.EndpointOnline();
            ControllerLog.EndpointOnline(logger, record.Id);
        }
    }

    private void SetOffline(EndpointRecord record, string reason)
    {
        lock (_gate)
        {
            SetOfflineLocked(record, reason);
        }
    }

    private void SetOfflineLocked(EndpointRecord record, string reason)
    {
        if (record.Online)
        {
            record.Online = false;
            metrics.EndpointOffline();
            ControllerLog.EndpointOffline(logger, record.Id, reason);
        }
    }
}
