using OneGo.Domain.Calendar;
using OneGo.Domain.Cases;
using OneGo.Domain.Supervision;
using OneGo.Domain.Tests.Calendar;

namespace OneGo.Domain.Tests.Supervision;

public sealed class WarningPolicyTests
{
    private static readonly WorkCalendar Calendar = OfficialCalendars.Build();

    [Theory]
    [InlineData(5, 10, WarningLevel.Normal)]
    [InlineData(2, 10, WarningLevel.Normal)]
    [InlineData(1, 10, WarningLevel.Yellow)]
    [InlineData(0, 10, WarningLevel.Yellow)]
    [InlineData(-1, 10, WarningLevel.Red)]
    public void The_default_turns_yellow_on_the_last_working_day_before_the_deadline(int remaining, int span, WarningLevel expected) =>
        Assert.Equal(expected, WarningPolicy.Default.LevelOf(remaining, span));

    [Theory]
    [InlineData(20, 5, WarningLevel.Normal)]   // 15 of 20 used: 75 %
    [InlineData(20, 4, WarningLevel.Yellow)]   // 16 of 20 used: 80 %
    [InlineData(3, 1, WarningLevel.Normal)]    // 2 of 3 used: 67 %
    [InlineData(3, 0, WarningLevel.Yellow)]    // 3 of 3 used
    [InlineData(60, 12, WarningLevel.Yellow)]  // 48 of 60: exactly 80 %
    [InlineData(60, 13, WarningLevel.Normal)]
    public void A_share_of_the_limit_turns_long_deadlines_yellow_earlier(int span, int remaining, WarningLevel expected) =>
        Assert.Equal(expected, new WarningPolicy(null, 80).LevelOf(remaining, span));

    [Fact]
    public void With_both_thresholds_whichever_comes_first_counts()
    {
        var both = new WarningPolicy(2, 80);
        Assert.Equal(WarningLevel.Yellow, both.LevelOf(2, 3));     // two days left, only a third used
        Assert.Equal(WarningLevel.Yellow, both.LevelOf(12, 60));   // 80 % used, twelve days left
        Assert.Equal(WarningLevel.Normal, both.LevelOf(13, 60));   // 47 of 60 used, thirteen days left
        Assert.Equal(12, both.YellowWithin(60));
        Assert.Equal(2, both.YellowWithin(3));
    }

    [Fact]
    public void Bad_settings_are_explained()
    {
        Assert.Null(WarningPolicy.Default.Problem());
        Assert.Contains("至少", new WarningPolicy(null, null).Problem(), StringComparison.Ordinal);
        Assert.Contains("比例", new WarningPolicy(1, 0).Problem(), StringComparison.Ordinal);
        Assert.Contains("剩余工作日", new WarningPolicy(-1, null).Problem(), StringComparison.Ordinal);
        Assert.Equal("剩余 1 个工作日以内或已用时限达到 80% 时黄色预警", new WarningPolicy(1, 80).Describe());
    }

    [Fact]
    public void Across_the_National_Day_holiday_the_level_counts_working_days_only()
    {
        // Started on Monday 2026-09-28 with 3 working days: 29 and 30 September, then 8 October (1–7 October off).
        var start = new DateOnly(2026, 9, 28);
        var deadline = Clock.Deadline(Calendar, start, new TimeLimit(3, LimitUnit.WorkingDays), 0);
        Assert.Equal(new DateOnly(2026, 10, 8), deadline);
        var span = Clock.Span(Calendar, start, deadline, 0);
        Assert.Equal(3, span);
        // On 30 September the deadline is one working day away: yellow, although it is eight days off.
        Assert.Equal(WarningLevel.Normal, WarningPolicy.Default.LevelOf(Clock.Remaining(Calendar, deadline, new DateOnly(2026, 9, 29)), span));
        Assert.Equal(WarningLevel.Yellow, WarningPolicy.Default.LevelOf(Clock.Remaining(Calendar, deadline, new DateOnly(2026, 9, 30)), span));
        Assert.Equal(WarningLevel.Yellow, WarningPolicy.Default.LevelOf(Clock.Remaining(Calendar, deadline, new DateOnly(2026, 10, 5)), span));
        Assert.Equal(WarningLevel.Yellow, WarningPolicy.Default.LevelOf(Clock.Remaining(Calendar, deadline, deadline), span));
        Assert.Equal(WarningLevel.Red, WarningPolicy.Default.LevelOf(Clock.Remaining(Calendar, deadline, new DateOnly(2026, 10, 9)), span));
        // With 80 % of the limit: 3 working days, yellow once all three are used up to the deadline day.
        Assert.Equal(WarningLevel.Normal, new WarningPolicy(null, 80).LevelOf(Clock.Remaining(Calendar, deadline, new DateOnly(2026, 9, 30)), span));
        Assert.Equal(WarningLevel.Yellow, new WarningPolicy(null, 80).LevelOf(Clock.Remaining(Calendar, deadline, new DateOnly(2026, 10, 8)), span));
    }
}
