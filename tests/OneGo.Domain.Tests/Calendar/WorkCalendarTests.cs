using OneGo.Domain.Calendar;

namespace OneGo.Domain.Tests.Calendar;

public class WorkCalendarTests
{
    private static readonly WorkCalendar Calendar = OfficialCalendars.Build();

    private static DateOnly D(string iso) => DateOnly.Parse(iso);

    [Theory]
    [InlineData("2025-03-05", true)]   // ordinary Wednesday
    [InlineData("2025-03-08", false)]  // ordinary Saturday
    [InlineData("2026-02-14", true)]   // Saturday, make-up workday before Spring Festival
    [InlineData("2026-02-16", false)]  // Monday inside Spring Festival
    [InlineData("2026-02-23", false)]  // Monday, last day of Spring Festival 2026
    [InlineData("2026-02-24", true)]
    [InlineData("2025-10-11", true)]   // Saturday, make-up workday after National Day
    [InlineData("2025-10-12", false)]  // ordinary Sunday
    [InlineData("2025-10-08", false)]  // Wednesday, National Day 2025 lasts eight days
    [InlineData("2025-01-28", false)]  // 除夕, a statutory holiday from 2025
    [InlineData("2025-06-02", false)]  // Monday, Dragon Boat Festival
    [InlineData("2024-02-18", true)]   // Sunday, make-up workday
    [InlineData("2023-01-02", false)]  // Monday, New Year
    [InlineData("2026-01-04", true)]   // Sunday, make-up workday
    [InlineData("2027-01-01", true)]   // Friday of a year without data: counted as a weekday
    [InlineData("2027-01-02", false)]  // Saturday of a year without data
    public void IsWorkingDay_FollowsOfficialArrangement(string day, bool expected) =>
        Assert.Equal(expected, Calendar.IsWorkingDay(D(day)));

    // Expected dates worked out by hand from standards.md §1.
    [Theory]
    // Spring Festival 2026: 02-13 Fri (1), 02-14 Sat make-up (2), 02-15..02-23 off, 02-24 (3), 02-25 (4), 02-26 (5).
    [InlineData("2026-02-12", 5, "2026-02-26")]
    // Accepted on the make-up Saturday: the next working day is after the holiday.
    [InlineData("2026-02-14", 1, "2026-02-24")]
    // National Day 2025: 09-28 Sun make-up (1), 09-29 (2), 09-30 (3), 10-01..10-08 off, 10-09 (4), 10-10 (5).
    [InlineData("2025-09-26", 5, "2025-10-10")]
    // Accepted during the holiday: 10-09 (1), 10-10 (2), 10-11 Sat make-up (3).
    [InlineData("2025-10-03", 1, "2025-10-09")]
    [InlineData("2025-10-03", 3, "2025-10-11")]
    // National Day 2026: 10-01..10-07 off, 10-08 (1), 10-09 (2), 10-10 Sat make-up (3).
    [InlineData("2026-09-30", 3, "2026-10-10")]
    // Year boundary: 12-31 (1), 2026-01-01..03 off, 01-04 Sun make-up (2), 01-05 (3).
    [InlineData("2025-12-30", 3, "2026-01-05")]
    // Accepted on a Friday: the start day is not counted, day 1 is Monday.
    [InlineData("2025-03-07", 1, "2025-03-10")]
    // 20 working days (行政许可法 §42): 03-10..03-28 (15), 03-31..04-03 (19), 04-04..06 off, 04-07 (20).
    [InlineData("2025-03-07", 20, "2025-04-07")]
    // Accepted on a Sunday.
    [InlineData("2025-03-09", 1, "2025-03-10")]
    public void AddWorkingDays_CountsFromTheDayAfterAcceptance(string start, int days, string expected)
    {
        var result = Calendar.AddWorkingDays(D(start), days);

        Assert.Equal(D(expected), result.Date);
        Assert.False(result.IsEstimate);
        Assert.Null(result.Warning);
    }

    [Theory]
    // 民法典 §203: a last day on a holiday moves to the next working day.
    [InlineData("2026-09-20", 11, "2026-10-08")]  // 10-01 is National Day
    [InlineData("2026-02-01", 14, "2026-02-24")]  // 02-15 is Spring Festival
    [InlineData("2025-03-01", 7, "2025-03-10")]   // 03-08 is a Saturday
    [InlineData("2026-02-07", 7, "2026-02-14")]   // 02-14 is a make-up Saturday: it stays
    [InlineData("2025-03-03", 30, "2025-04-02")]  // ordinary Wednesday
    public void AddCalendarDays_MovesAnOffDayEndToTheNextWorkingDay(string start, int days, string expected) =>
        Assert.Equal(D(expected), Calendar.AddCalendarDays(D(start), days).Date);

    [Theory]
    [InlineData(LimitUnit.WorkingDays, 5, "2026-02-26")]
    [InlineData(LimitUnit.CalendarDays, 5, "2026-02-24")]  // 02-17 is Spring Festival
    public void Add_UsesTheLimitsUnit(LimitUnit unit, int value, string expected) =>
        Assert.Equal(D(expected), Calendar.Add(D("2026-02-12"), new TimeLimit(value, unit)).Date);

    [Theory]
    [InlineData(5, LimitUnit.WorkingDays, "5个工作日")]
    [InlineData(30, LimitUnit.CalendarDays, "30个自然日")]
    public void TimeLimit_ReadsAsPublished(int value, LimitUnit unit, string expected) =>
        Assert.Equal(expected, new TimeLimit(value, unit).ToString());

    [Theory]
    [InlineData("2026-02-12", "2026-02-26", 5)]
    [InlineData("2025-09-30", "2025-10-08", 0)]  // whole National Day holiday
    [InlineData("2025-09-30", "2025-10-11", 3)]  // 10-09, 10-10, 10-11 make-up Saturday
    [InlineData("2025-03-07", "2025-03-14", 5)]
    [InlineData("2025-03-07", "2025-03-07", 0)]
    [InlineData("2025-03-14", "2025-03-07", 0)]
    [InlineData("2025-12-30", "2026-01-05", 3)]
    public void WorkingDaysBetween_CountsDaysAfterStartUpToEnd(string start, string end, int expected)
    {
        var count = Calendar.WorkingDaysBetween(D(start), D(end));

        Assert.Equal(expected, count.Days);
        Assert.False(count.IsEstimate);
    }

    [Theory]
    [InlineData("2023-01-03", 1)]
    [InlineData("2024-09-13", 10)]
    [InlineData("2025-01-20", 20)]
    [InlineData("2026-04-30", 45)]
    public void WorkingDaysBetween_InvertsAddWorkingDays(string start, int days)
    {
        var end = Calendar.AddWorkingDays(D(start), days).Date;

        Assert.Equal(days, Calendar.WorkingDaysBetween(D(start), end).Days);
    }

    [Fact]
    public void AddWorkingDays_IntoAYearWithoutData_IsAnEstimateNamingThatYear()
    {
        // 12-29 (1), 12-30 (2), 12-31 (3), 2027-01-01 Fri (4, estimated), 01-04 Mon (5).
        var result = Calendar.AddWorkingDays(D("2026-12-28"), 5);

        Assert.Equal(D("2027-01-04"), result.Date);
        Assert.True(result.IsEstimate);
        Assert.Equal([2027], result.MissingYears);
        Assert.Equal("2027年节假日安排尚未录入，已按周一至周五为工作日估算。", result.Warning);
    }

    [Fact]
    public void AddWorkingDays_WithinOfficialYears_HasNoWarning()
    {
        var result = Calendar.AddWorkingDays(D("2026-12-01"), 20);

        Assert.Equal(D("2026-12-29"), result.Date);
        Assert.False(result.IsEstimate);
        Assert.Empty(result.MissingYears);
        Assert.Null(result.Warning);
    }

    [Fact]
    public void AddWorkingDays_AcrossSeveralMissingYears_NamesThemAll()
    {
        var result = Calendar.AddWorkingDays(D("2026-12-30"), 300);

        Assert.Equal(2028, result.Date.Year);
        Assert.Equal([2027, 2028], result.MissingYears);
        Assert.Contains("2027、2028年", result.Warning, StringComparison.Ordinal);
    }

    [Fact]
    public void AddWorkingDays_BeforeTheFirstOfficialYear_IsAnEstimate()
    {
        var result = Calendar.AddWorkingDays(D("2022-12-29"), 1);

        Assert.Equal(D("2022-12-30"), result.Date);
        Assert.Equal([2022], result.MissingYears);
    }

    [Fact]
    public void AddCalendarDays_EndingInAYearWithoutData_IsAnEstimate()
    {
        var result = Calendar.AddCalendarDays(D("2026-12-01"), 31);

        Assert.Equal(D("2027-01-01"), result.Date);
        Assert.True(result.IsEstimate);
        Assert.Contains("2027", result.Warning, StringComparison.Ordinal);
    }

    [Fact]
    public void AddCalendarDays_ThroughAYearWithoutDataButEndingInAKnownOne_IsNotAnEstimate()
    {
        // Only the last day (and any day it moves to) is classified, so the gap year is not touched.
        var calendar = new WorkCalendar([Empty(2023), Empty(2025)]);

        var result = calendar.AddCalendarDays(D("2023-12-01"), 400);

        Assert.False(result.IsEstimate);
    }

    [Fact]
    public void WorkingDaysBetween_IntoAYearWithoutData_IsAnEstimate()
    {
        var count = Calendar.WorkingDaysBetween(D("2026-12-31"), D("2027-01-08"));

        Assert.Equal(6, count.Days);  // 2027-01-01 Fri, 01-04..01-08
        Assert.Equal([2027], count.MissingYears);
        Assert.NotNull(count.Warning);
    }

    [Fact]
    public void Years_AreSortedAndKnown()
    {
        var calendar = new WorkCalendar([Empty(2026), Empty(2023)]);

        Assert.Equal([2023, 2026], calendar.Years);
        Assert.True(calendar.HasOfficialData(2023));
        Assert.False(calendar.HasOfficialData(2024));
        Assert.False(calendar.HasOfficialData(2027));
        Assert.Equal([2023, 2024, 2025, 2026], Calendar.Years);
    }

    [Fact]
    public void EmptyCalendar_CountsWeekdaysAndWarns()
    {
        var calendar = new WorkCalendar([]);

        var result = calendar.AddWorkingDays(D("2025-09-30"), 1);

        Assert.Equal(D("2025-10-01"), result.Date);
        Assert.Equal([2025], result.MissingYears);
    }

    [Fact]
    public void NextWorkingDayAfter_SkipsHolidaysAndWeekends() =>
        Assert.Equal(D("2026-02-24"), Calendar.NextWorkingDayAfter(D("2026-02-14")));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void AddWorkingDays_RejectsLessThanOneDay(int days) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.AddWorkingDays(D("2025-03-07"), days));

    [Fact]
    public void AddCalendarDays_RejectsLessThanOneDay() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.AddCalendarDays(D("2025-03-07"), 0));

    public static TheoryData<string, HolidayYear[]> BadYears => new()
    {
        { "duplicate year", [Empty(2025), Empty(2025)] },
        { "day off outside its year", [new HolidayYear(2023, [D("2022-12-31")], [], "test")] },
        { "make-up day outside its year", [new HolidayYear(2025, [], [D("2026-01-04")], "test")] },
        { "make-up day on a weekday", [new HolidayYear(2025, [], [D("2025-03-05")], "test")] },
        { "day both off and make-up", [new HolidayYear(2025, [D("2025-03-08")], [D("2025-03-08")], "test")] },
    };

    [Theory]
    [MemberData(nameof(BadYears))]
    public void Constructor_RejectsInconsistentData(string reason, HolidayYear[] years)
    {
        var error = Assert.Throws<ArgumentException>(() => new WorkCalendar(years));
        Assert.False(string.IsNullOrEmpty(error.Message), reason);
    }

    private static HolidayYear Empty(int year) => new(year, [], [], "test");
}
