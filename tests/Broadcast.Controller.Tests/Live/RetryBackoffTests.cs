using Broadcast.Controller.Streaming.Live;

namespace Broadcast.Controller.Tests.Live;

public sealed class RetryBackoffTests
{
    [Fact]
    public void Delay_Defaults_DoublesFromOneSecondAndCapsAtThirty()
    {
        var delays = Enumerable.Range(1, 8).Select(a => RetryBackoff.Delay(a, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30)).TotalSeconds);

        Assert.Equal([1, 2, 4, 8, 16, 30, 30, 30], delays);
    }

    [Theory]
    [InlineData(40)]
    [InlineData(int.MaxValue)]
    public void Delay_ManyAttempts_StaysAtTheCap(int attempt)
    {
        Assert.Equal(TimeSpan.FromSeconds(30), RetryBackoff.Delay(attempt, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void Delay_AttemptZero_Refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RetryBackoff.Delay(0, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30)));
    }
}
