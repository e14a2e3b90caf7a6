using Broadcast.Audit;
using Broadcast.Controller.Hosting;
using Broadcast.Controller.Sessions;
using Broadcast.Protocol.Identity;
using Microsoft.Extensions.Logging;

namespace Broadcast.Controller.Registry;

/// <summary>What <see cref="EndpointRevocation.Revoke"/> did.</summary>
/// <param name="Id">The endpoint.</param>
/// <param name="AlreadyRevoked">The registry already listed it as revoked (nothing new to carry out, or only now carried out).</param>
/// <param name="Applied">The running controller carried the revocation out now (Bye, session dropped, channels rekeyed).</param>
/// <param name="SaveError">The registry file could not be written: revoked in this process only, until it is fixed.</param>
internal sealed record RevocationOutcome(string Id, bool AlreadyRevoked, bool Applied, string? SaveError);

/// <summary>
/// The two ways a revocation reaches a running controller (protocol section 10): the API (revoke in the registry,
/// save <c>endpoints.json</c>, carry it out at once) and a change of <c>endpoints.json</c> by another process such as
/// <c>bcast endpoint revoke</c> (re-read the file, carry out what is newly revoked).
/// </summary>
internal sealed class EndpointRevocation(JsonEndpointRegistry registry, ControlPlane controlPlane, ILogger<EndpointRevocation> logger, IAuditTrail? audit = null)
{
    public string RegistryPath => registry.FilePath;

    /// <summary>Revokes <paramref name="endpointId"/>; null when the registry does not know it.</summary>
    public RevocationOutcome? Revoke(string endpointId, string trigger, string actor = AuditActors.Local)
    {
        ArgumentNullException.ThrowIfNull(endpointId);
        if (registry.FindById(endpointId) is not { } registration)
        {
            return null;
        }

        string? saveError = null;
        if (!registration.Revoked)
        {
            try
            {
                registry.Revoke(endpointId);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The in-memory registration is revoked already (the registry marks it before it saves): the handshake
                // refuses the key from now on; carry the rest out too and report that the file is behind.
                saveError = ex.Message;
            }
        }

        var applied = controlPlane.ApplyRevocation(endpointId, trigger);
        audit?.Append(new AuditEvent(actor, AuditActions.EndpointRevoke, endpointId, saveError is null ? "ok" : "not saved", [endpointId], string.IsNullOrEmpty(registration.Commune) ? null : [registration.Commune],
            $"{trigger}{(applied ? "; Bye sent, session dropped, channels rekeyed" : string.Empty)}{(saveError is null ? string.Empty : "; registry not saved: " + saveError)}"));
        return new RevocationOutcome(endpointId, registration.Revoked, applied, saveError);
    }

    /// <summary>Re-reads <c>endpoints.json</c> and carries out the revocations it brings; false when the file cannot be read.</summary>
    public bool Reload(string trigger)
    {
        try
        {
            registry.Reload();
        }
        catch (Exception ex) when (ex is CredentialsFileException or IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            ControllerLog.RegistryReloadFailed(logger, registry.FilePath, trigger, ex.Message);
            return false;
        }

        var all = registry.All;
        ControllerLog.RegistryReloaded(logger, registry.FilePath, trigger, all.Count, all.Count(r => r.Revoked));
        controlPlane.ReconcileRevocations(trigger);
        return true;
    }

    /// <summary>Carries out revocations already in memory (read by someone else) without touching the file.</summary>
    public void Reconcile(string trigger) => controlPlane.ReconcileRevocations(trigger);
}
