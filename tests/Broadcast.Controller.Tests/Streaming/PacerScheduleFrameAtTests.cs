using Broadcast.Controller.Streaming;

namespace Broadcast.Controller.Tests.Streaming;

public sealed class PacerScheduleFrameAtTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(19_999_999, 0)]
    [InlineData(20_000_000, 1)]
    [InlineData(3_600_000_000_000, 180_000)]
    [InlineData(-1, -1)]
    [InlineData(-20_000_000, -1)]
    [InlineData(-20_000_001, -2)]
    public void FrameAt_NanosecondClock_FloorOfTwentyMillisecondSlots(long sinceStart, long expected)
    {
        var schedule = new PacerSchedule(StartTimestamp: 5_000, Frequency: 1_000_000_000);

        Assert.Equal(expected, schedule.FrameAt(5_000 + sinceStart));
    }

    [Fact]
    public void FrameAt_DeadlineOfEveryFrame_IsThatFrame()
    {
        var schedule = new PacerSchedule(123, Frequency: 10_000_003);
        for (long n = 0; n < 100_000; n += 997)
        {
            Assert.Equal(n, schedule.FrameAt(schedule.DeadlineOf(n) + 1));
        }
    }
}
