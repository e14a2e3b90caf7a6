using Broadcast.Controller.Broadcasts;
using Broadcast.Controller.Lab;
using Broadcast.Controller.Metrics;
using Broadcast.Controller.Mqtt;
using Broadcast.Controller.Queue;
using Broadcast.Controller.Registry;
using Broadcast.Controller.Sessions;
using Broadcast.Controller.Streaming;
using Broadcast.Controller.Streaming.Live;
using Broadcast.Controller.Topology;
using Broadcast.Protocol.Handshake;
using Broadcast.Protocol.Identity;
using Broadcast.Topology;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Broadcast.Controller.Hosting;

/// <summary>Composition of the controller: options, sessions, broker, media socket, streaming engine.</summary>
public static class ControllerServiceCollectionExtensions
{
    /// <summary>Adds the controller and its hosted services (embedded broker, MQTT client, UDP listener, heartbeats).</summary>
    public static IServiceCollection AddBroadcastController(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ControllerOptions>().BindConfiguration(ControllerOptions.Section).ValidateOnStart();
        services.AddOptions<BrokerOptions>().BindConfiguration(BrokerOptions.Section).ValidateOnStart();
        services.AddOptions<MediaOptions>().BindConfiguration(MediaOptions.Section).ValidateOnStart();
        services.AddOptions<LabOptions>().BindConfiguration(LabOptions.Section).ValidateOnStart();
        services.AddOptions<LiveOptions>().BindConfiguration(LiveOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ControllerOptions>, ControllerOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BrokerOptions>, BrokerOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MediaOptions>, MediaOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MediaOptions>, MediaBindValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LabOptions>, LabOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LabOptions>, LabPolicyValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LiveOptions>, LiveOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LiveOptions>, LiveOptionsOrderValidator>());

        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<BroadcastMetrics>();
        services.TryAddSingleton(sp =>
        {
            var path = sp.GetRequiredService<IOptions<ControllerOptions>>().Value.Topology;
            return new TopologyIndex(TopologyLoader.Load(path), path);
        });
        services.TryAddSingleton(sp => ControllerKeys.LoadOrCreate(
            sp.GetRequiredService<IOptions<ControllerOptions>>().Value.DataDir,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("Broadcast.Controller.Identity")));
        services.TryAddSingleton(sp =>
        {
            var path = Path.Combine(sp.GetRequiredService<IOptions<ControllerOptions>>().Value.DataDir, "endpoints.json");
            var registry = JsonEndpointRegistry.Open(path);
            ControllerLog.RegistryLoaded(sp.GetRequiredService<ILoggerFactory>().CreateLogger("Broadcast.Controller.Registry"), path, registry.All.Count);
            return registry;
        });
        services.TryAddSingleton<IEndpointRegistry>(sp => sp.GetRequiredService<JsonEndpointRegistry>());
        services.TryAddSingleton(sp => new ControllerHandshake(
            sp.GetRequiredService<ControllerIdentity>().KeyPair, sp.GetRequiredService<IEndpointRegistry>(), sp.GetRequiredService<TimeProvider>()));

        services.TryAddSingleton<SessionTable>();
        services.TryAddSingleton<MqttOutbox>();
        services.TryAddSingleton<LabRtpTap>();
        services.TryAddSingleton<LabModeService>();
        services.TryAddSingleton<UdpMediaSocket>();
        services.TryAddSingleton<ProgrammeLibrary>();
        services.TryAddSingleton<EndpointVolumes>();
        services.TryAddSingleton<MetricsLogService>();
        services.TryAddSingleton<BroadcastManager>();
        services.AddPlayQueue();
        services.TryAddSingleton<SecurityEventCounter>();
        services.TryAddSingleton<ControlPlane>();
        services.TryAddSingleton<EndpointRevocation>();
        services.TryAddSingleton<EndpointProvisioning>();
        services.TryAddSingleton<Broadcast.Library.ICommuneDirectory, TopologyCommuneDirectory>();
        services.TryAddSingleton<RegistryWatcher>();

        // Start order = registration order; stop order is the reverse: broadcasts stop (Stop, Bye queued) before the
        // MQTT client drains its outbox and disconnects, and the client before the embedded broker.
        var brokerMode = configuration.GetSection(BrokerOptions.Section).GetValue(nameof(BrokerOptions.Mode), BrokerMode.Embedded);
        if (brokerMode == BrokerMode.Embedded)
        {
            services.AddHostedService<EmbeddedBroker>();
        }

        // Lab mode (protocol section 14) writes its SDP and starts warning before any broadcast can start.
        services.AddHostedService(sp => sp.GetRequiredService<LabModeService>());
        services.AddHostedService<ControllerMqttClient>();
        services.AddHostedService<UdpRegistrationListener>();
        services.AddHostedService<HeartbeatMonitor>();
        // Revocations by bcast endpoint revoke (a change of endpoints.json) reach the running controller (protocol section 10).
        services.AddHostedService(sp => sp.GetRequiredService<RegistryWatcher>());
        services.AddHostedService(sp => sp.GetRequiredService<BroadcastManager>());
        services.AddHostedService(sp => sp.GetRequiredService<MetricsLogService>());
        return services;
    }
}
