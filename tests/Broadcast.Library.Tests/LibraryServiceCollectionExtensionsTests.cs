using Broadcast.Audit;
using Broadcast.Library.Speech;
using Broadcast.Library.Storage;
using Broadcast.Library.Tests.Fakes;
using Broadcast.Tests.Common;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Broadcast.Library.Tests;

public sealed class LibraryServiceCollectionExtensionsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public void AddBroadcastLibrary_NoDirectory_LibraryUnderTheDataDir()
    {
        using var services = Build(new() { ["Controller:DataDir"] = _dir.File("data") });

        var store = services.GetRequiredService<ProgrammeStore>();

        Assert.Equal(Path.Combine(_dir.Path, "data", "library"), store.Directory);
        Assert.True(File.Exists(Path.Combine(store.Directory, "library.db")));
        Assert.Same(store, services.GetRequiredService<IProgrammeCatalog>());
        Assert.Equal(LibraryOptions.DefaultMaxUploadBytes, store.MaxUploadBytes);
    }

    [Fact]
    public void AddBroadcastLibrary_Settings_Bound()
    {
        using var services = Build(new() { ["Library:Directory"] = _dir.File("lib"), ["Library:MaxUploadBytes"] = "1048576" });

        var store = services.GetRequiredService<ProgrammeStore>();

        Assert.Equal(_dir.File("lib"), store.Directory);
        Assert.Equal(1048576, store.MaxUploadBytes);
    }

    [Theory]
    [InlineData("Library:MaxUploadBytes", "0")]
    [InlineData("Library:MaxConcurrentEncodes", "0")]
    public void AddBroadcastLibrary_OutOfRange_ValidationNamesTheSetting(string key, string value)
    {
        using var services = Build(new() { [key] = value, ["Controller:DataDir"] = _dir.Path });

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<LibraryOptions>>().Value);

        Assert.Contains(key.Split(':')[1], ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddBroadcastLibrary_UsageThatNeedsTheCatalog_ResolvesWithoutACycleAndIsAsked()
    {
        using var services = Build(new() { ["Controller:DataDir"] = _dir.Path }, s => s.AddSingleton<IProgrammeUsage, CatalogCheckingUsage>());
        var store = services.GetRequiredService<ProgrammeStore>();
        var wav = _dir.File("x.wav");
        Signals.WriteWav16(wav, Signals.Sine(440, -20, 0.5));
        await using var content = File.OpenRead(wav);
        var record = (await store.UploadAsync(content, "x.wav", new("T"), "tester")).Record;

        var result = await store.DeleteAsync(record.Id, "tester");

        Assert.Equal(DeleteStatus.InUse, result.Status);
        Assert.Equal($"schedule for '{record.Title}'", result.Usage);
    }

    [Fact]
    public void AddBroadcastLibrary_Speech_DefaultsToVietnameseAndResolves()
    {
        using var services = Build(new() { ["Controller:DataDir"] = _dir.Path, ["Speech:WordsPerMinute"] = "140" });

        var options = services.GetRequiredService<IOptions<SpeechOptions>>().Value;

        Assert.Equal(("espeak-ng", "vi", 140, 5000), (options.Executable, options.DefaultVoice, options.WordsPerMinute, options.MaxTextLength));
        Assert.NotNull(services.GetRequiredService<SpeechBulletins>());
    }

    [Theory]
    [InlineData("Speech:MaxTextLength", "0", "MaxTextLength")]
    [InlineData("Speech:WordsPerMinute", "20", "WordsPerMinute")]
    [InlineData("Speech:DefaultVoice", "en", "Speech:DefaultVoice 'en' is not in Speech:Voices")]
    public void AddBroadcastLibrary_BadSpeechSetting_ValidationNamesIt(string key, string value, string expected)
    {
        using var services = Build(new() { [key] = value, ["Controller:DataDir"] = _dir.Path });

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<SpeechOptions>>().Value);

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Dispose();

    private static ServiceProvider Build(Dictionary<string, string?> settings, Action<IServiceCollection>? more = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddSingleton<IAuditTrail, RecordingAuditTrail>();
        more?.Invoke(services);
        services.AddBroadcastLibrary(configuration);
        return services.BuildServiceProvider();
    }

    /// <summary>Like the scheduler: depends on the catalogue and answers usage questions.</summary>
    private sealed class CatalogCheckingUsage(IProgrammeCatalog catalog) : IProgrammeUsage
    {
        public string? FindFutureUse(string programmeId) => catalog.Find(programmeId) is { } p ? $"schedule for '{p.Title}'" : null;
    }
}
