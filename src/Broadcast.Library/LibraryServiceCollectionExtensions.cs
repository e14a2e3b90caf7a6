using Broadcast.Audit;
using Broadcast.Library.Speech;
using Broadcast.Library.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Broadcast.Library;

public static class LibraryServiceCollectionExtensions
{
    /// <summary>
    /// Registers the programme library: <see cref="LibraryOptions"/> (section <c>Library</c>, validated at start; the
    /// folder defaults to <c>{Controller:DataDir}/library</c>), <see cref="ProgrammeStore"/> as a singleton, and
    /// <see cref="IProgrammeCatalog"/> as the same instance, and text-to-speech bulletins (<see cref="SpeechOptions"/>,
    /// section <c>Speech</c>; espeak-ng is looked for when a text is read, not at start). Uses <see cref="ICommuneDirectory"/> and
    /// <see cref="IProgrammeUsage"/> when they are registered; needs <see cref="IAuditTrail"/> and <see cref="TimeProvider"/>.
    /// </summary>
    public static IServiceCollection AddBroadcastLibrary(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<LibraryOptions>()
            .BindConfiguration(LibraryOptions.Section)
            .PostConfigure<IConfiguration>((options, config) =>
            {
                if (string.IsNullOrWhiteSpace(options.Directory))
                {
                    options.Directory = Path.Combine(config["Controller:DataDir"] is { Length: > 0 } dataDir ? dataDir : "data", "library");
                }
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LibraryOptions>, LibraryOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new ProgrammeStore(
            sp.GetRequiredService<IOptions<LibraryOptions>>(),
            sp.GetRequiredService<IAuditTrail>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<ProgrammeStore>>(),
            sp.GetService<ICommuneDirectory>(),
            new DeferredProgrammeUsage(sp)));
        services.TryAddSingleton<IProgrammeCatalog>(sp => sp.GetRequiredService<ProgrammeStore>());

        services.AddOptions<SpeechOptions>().BindConfiguration(SpeechOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SpeechOptions>, SpeechOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SpeechOptions>, SpeechPolicyValidator>());
        services.TryAddSingleton<ISpeechSynthesizer, EspeakSynthesizer>();
        services.TryAddSingleton<SpeechBulletins>();
        return services;
    }

    /// <summary>
    /// The scheduler both reads the catalogue and answers <see cref="IProgrammeUsage"/>; resolving it only when a delete
    /// asks breaks what would otherwise be a constructor cycle (store -> usage -> scheduler -> catalogue -> store).
    /// </summary>
    private sealed class DeferredProgrammeUsage(IServiceProvider services) : IProgrammeUsage
    {
        public string? FindFutureUse(string programmeId) => services.GetService<IProgrammeUsage>()?.FindFutureUse(programmeId);
    }
}
