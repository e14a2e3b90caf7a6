using Broadcast.Audit.Storage;
using Broadcast.Tests.Common;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Broadcast.Audit.Tests;

public sealed class AuditServiceCollectionExtensionsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void AddBroadcastAudit_DataDir_OneTrailInDataDirServesBothInterfaces()
    {
        using var provider = Build(new() { ["Controller:DataDir"] = _dir.File("data") });

        var trail = provider.GetRequiredService<IAuditTrail>();

        Assert.Same(trail, provider.GetRequiredService<IAuditVerifier>());
        var sqlite = Assert.IsType<SqliteAuditTrail>(trail);
        Assert.Equal(Path.Combine(_dir.Path, "data", "audit.db"), sqlite.Path);
        Assert.True(File.Exists(sqlite.Path));
    }

    [Fact]
    public void AddBroadcastAudit_AuditPath_OverridesTheDataDir()
    {
        using var provider = Build(new() { ["Controller:DataDir"] = _dir.File("data"), ["Audit:Path"] = _dir.File("elsewhere/trail.db") });

        var trail = (SqliteAuditTrail)provider.GetRequiredService<IAuditTrail>();

        Assert.Equal(_dir.File("elsewhere/trail.db"), trail.Path);
    }

    [Fact]
    public void AddBroadcastAudit_CalledTwice_RegistersOneStartupService()
    {
        var services = new ServiceCollection();
        var config = new ConfigurationBuilder().Build();
        services.AddBroadcastAudit(config).AddBroadcastAudit(config);

        Assert.Single(services, d => d.ServiceType == typeof(IHostedService));
        Assert.Single(services, d => d.ServiceType == typeof(IAuditTrail));
    }

    [Theory]
    [InlineData("Audit:Path", "  ", "Audit:Path is blank")]
    [InlineData("Audit:MaxPageSize", "0", "MaxPageSize")]
    [InlineData("Audit:BusyTimeout", "00:05:00", "BusyTimeout")]
    public void AddBroadcastAudit_BadSetting_FailsValidationNamingIt(string key, string value, string named)
    {
        using var provider = Build(new() { ["Controller:DataDir"] = _dir.File("data"), [key] = value });

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<AuditOptions>>().Value);

        Assert.Contains(named, ex.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(config);
        services.AddBroadcastAudit(config);
        return services.BuildServiceProvider();
    }
}
