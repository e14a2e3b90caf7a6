using Broadcast.Monitoring.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Broadcast.Monitoring.Tests;

public sealed class MonitoringOptionsTests
{
    [Fact]
    public void Defaults_AreValidAndAsDocumented()
    {
        var options = Resolve([]);

        Assert.Equal(TimeSpan.FromMinutes(2), options.OfflineAfter);
        Assert.Equal(TimeSpan.FromSeconds(5), options.PollInterval);
        Assert.Equal(5, options.HandshakeFailuresThreshold);
        Assert.Equal(TimeSpan.FromMinutes(10), options.SecurityWindow);
        Assert.Equal(5.0, options.LossThreshold);
        Assert.Equal(5, options.GroupThreshold);
        Assert.Null(options.WebhookUrl);
    }

    [Theory]
    [InlineData("Monitoring:WebhookUrl", "ftp://alerts.example.vn/x", "Monitoring:WebhookUrl 'ftp://alerts.example.vn/x' is not an absolute http or https URL")]
    [InlineData("Monitoring:WebhookUrl", "alerts.example.vn/x", "is not an absolute http or https URL")]
    [InlineData("Monitoring:WebhookUrl", " ", "Monitoring:WebhookUrl is blank")]
    [InlineData("Monitoring:WebhookUrl", "https://user:secret@alerts.example.vn/x", "holds a user name or password")]
    [InlineData("Monitoring:PollInterval", "00:00:00", "PollInterval")]
    [InlineData("Monitoring:LossThreshold", "150", "LossThreshold")]
    [InlineData("Monitoring:GroupThreshold", "0", "GroupThreshold")]
    [InlineData("Monitoring:HandshakeFailuresThreshold", "0", "HandshakeFailuresThreshold")]
    public void Resolve_BadValue_RefusedNamingTheKey(string key, string value, string expected)
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Resolve([new(key, value)]));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_HttpsWebhook_Accepted()
    {
        var options = Resolve([new("Monitoring:WebhookUrl", "https://alerts.example.vn/bcast?token=abc")]);

        Assert.Equal("https://alerts.example.vn/bcast?token=abc", options.WebhookUrl);
    }

    private static MonitoringOptions Resolve(KeyValuePair<string, string?>[] settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddBroadcastMonitoring(configuration);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<MonitoringOptions>>().Value;
    }
}
