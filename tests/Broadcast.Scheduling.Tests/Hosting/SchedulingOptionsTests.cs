using Broadcast.Scheduling.Tests.Support;
using Broadcast.Tests.Common;
using Microsoft.Extensions.Options;

namespace Broadcast.Scheduling.Tests.Hosting;

/// <summary>A bad <c>Scheduling</c> setting stops the host at start with a message naming the key.</summary>
public sealed class SchedulingOptionsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("Scheduling:TimeZone", "Mars/Olympus", "Scheduling:TimeZone 'Mars/Olympus' is not a time zone known to this machine")]
    [InlineData("Scheduling:Store", "PostgreSql", "Scheduling:ConnectionString is required when Scheduling:Store is PostgreSql")]
    [InlineData("Scheduling:Clustered", "true", "Scheduling:Clustered needs Scheduling:Store = PostgreSql")]
    [InlineData("Scheduling:DefaultGraceWindow", "00:00:00", "DefaultGraceWindow")]
    public async Task Start_WithABadSetting_IsRefusedNamingTheKey(string key, string value, string expected)
    {
        await using var rig = new SchedulingRig(_dir.Path, TimeProvider.System, new Dictionary<string, string?> { [key] = value });

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(rig.StartAsync);

        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(_dir.File("schedule.db")));
    }
}
