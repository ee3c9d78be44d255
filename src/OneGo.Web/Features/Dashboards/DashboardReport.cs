namespace OneGo.Web.Features.Dashboards;

/// <summary>
/// A dashboard period in county time (UTC+8), both days included: today, this month or this year (to today), or any range of at
/// most <see cref="MaxDays"/> days.
/// </summary>
public sealed record DashboardPeriod(DateOnly From, DateOnly To, string Kind)
{
    public const int MaxDays = 366;

    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    /// <summary>The first instant of the period (00:00 of <see cref="From"/> at UTC+8).</summary>
    public DateTimeOffset Start => new(From.ToDateTime(TimeOnly.MinValue), China);

    /// <summary>The first instant after the period (00:00 of the day after <see cref="To"/> at UTC+8).</summary>
    public DateTimeOffset End => new(To.AddDays(1).ToDateTime(TimeOnly.MinValue), China);

    public int Days => To.DayNumber - From.DayNumber + 1;

    public string Label => Kind switch
    {
        "today" => $"今日（{From:yyyy-MM-dd}）",
        "month" => $"本月（{From:yyyy-MM-dd} 至 {To:yyyy-MM-dd}）",
        "year" => $"本年（{From:yyyy-MM-dd} 至 {To:yyyy-MM-dd}）",
        _ => $"{From:yyyy-MM-dd} 至 {To:yyyy-MM-dd}",
    };

    /// <summary><c>period</c> = <c>today</c>, <c>month</c> (the default), <c>year</c> or <c>custom</c> with <c>from</c> and <c>to</c> (a range given without <c>period</c> is custom).</summary>
    public static DashboardPeriod Parse(string? period, DateOnly? from, DateOnly? to, DateOnly today)
    {
        var kind = string.IsNullOrWhiteSpace(period) ? (from is not null || to is not null ? "custom" : "month") : period.Trim().ToLowerInvariant();
        switch (kind)
        {
            case "today":
                return new DashboardPeriod(today, today, kind);
            case "month":
                return new DashboardPeriod(new DateOnly(today.Year, today.Month, 1), today, kind);
            case "year":
                return new DashboardPeriod(new DateOnly(today.Year, 1, 1), today, kind);
            case "custom":
                if (from is not { } f || to is not { } t)
                {
                    throw Infrastructure.ProblemException.BadRequest("period-range-required", "自定义统计期间须同时给出起止日期（from、to，格式 yyyy-MM-dd）");
                }
                if (t < f)
                {
                    throw Infrastructure.ProblemException.BadRequest("period-reversed", "统计期间的截止日期不能早于开始日期");
                }
                if (t.DayNumber - f.DayNumber + 1 > MaxDays)
                {
                    throw Infrastructure.ProblemException.BadRequest("period-too-long", $"统计期间最长 {MaxDays} 天");
                }
                return new DashboardPeriod(f, t, kind);
            default:
                throw Infrastructure.ProblemException.BadRequest("period-unknown", "统计期间应为 today（今日）、month（本月）、year（本年）或 custom（自定义，需 from、to）");
        }
    }
}

/// <summary>
/// The figures of one group (the whole scope, a bundle or a department). Definitions in docs/api.md#dashboards; rates are
/// fractions rounded to 4 places and null when their denominator is 0; working days are rounded to 1 place.
/// </summary>
public sealed record DashboardFigures(
    int Received,
    int Accepted,
    int Completed,
    int OnTime,
    double? OnTimeRate,
    double? MedianWorkingDays,
    double? AverageWorkingDays,
    int OverdueNow,
    int Tolerated,
    double? ToleranceRate,
    int Corrected,
    double? CorrectionRate,
    int Online,
    int Window,
    int Assistant,
    double? OnlineShare,
    double? WindowShare,
    double? AssistantShare,
    int Ratings,
    double? SatisfactionRate);

public sealed record DashboardRow(string Code, string Name, DashboardFigures Figures);

/// <summary>One day of the trend: what was received, accepted and completed (on time or not) that day.</summary>
public sealed record DashboardDay(DateOnly Day, int Received, int Accepted, int Completed, int OnTime);

/// <summary>
/// The dashboard of a period and scope. <see cref="Basis"/> says what is counted: <c>cases</c> (办件, the whole county or
/// one bundle) or <c>tasks</c> (子件, when the scope is one department). Departments are always counted by their tasks.
/// </summary>
public sealed record DashboardReport(
    DateOnly From,
    DateOnly To,
    string Period,
    string PeriodLabel,
    DateOnly Today,
    string? Department,
    string? DepartmentName,
    string? Bundle,
    string? BundleName,
    string Basis,
    DashboardFigures Totals,
    IReadOnlyList<DashboardRow> ByBundle,
    IReadOnlyList<DashboardRow> ByDepartment,
    IReadOnlyList<DashboardDay> Trend);

/// <summary>
/// Adds up the raw counts of a group in C#: the database returns counts and a histogram of working days per group
/// (a few dozen rows per group), from which the median and the mean are exact.
/// </summary>
internal sealed class Tally
{
    public int Received;
    public int Accepted;
    public int Completed;
    public int OnTime;
    public int OverdueNow;
    public int Tolerated;
    public int ToleranceBase;
    public int Corrected;
    public int Online;
    public int Window;
    public int Assistant;
    public SortedDictionary<int, int> WorkingDays { get; } = [];

    public void AddDays(int? days, int count)
    {
        if (days is { } d)
        {
            WorkingDays[d] = WorkingDays.GetValueOrDefault(d) + count;
        }
    }

    public void Add(Tally other)
    {
        Received += other.Received;
        Accepted += other.Accepted;
        Completed += other.Completed;
        OnTime += other.OnTime;
        OverdueNow += other.OverdueNow;
        Tolerated += other.Tolerated;
        ToleranceBase += other.ToleranceBase;
        Corrected += other.Corrected;
        Online += other.Online;
        Window += other.Window;
        Assistant += other.Assistant;
        foreach (var (days, count) in other.WorkingDays)
        {
            AddDays(days, count);
        }
    }

    public DashboardFigures ToFigures(int ratings, double? satisfaction)
    {
        var n = WorkingDays.Values.Sum();
        double? median = null;
        double? average = null;
        if (n > 0)
        {
            average = Math.Round((double)WorkingDays.Sum(p => (long)p.Key * p.Value) / n, 1);
            median = Math.Round((Nth((n - 1) / 2) + Nth(n / 2)) / 2.0, 1);
        }
        var channels = Online + Window + Assistant;
        return new DashboardFigures(
            Received, Accepted, Completed, OnTime, Rate(OnTime, Completed), median, average, OverdueNow,
            Tolerated, Rate(Tolerated, ToleranceBase), Corrected, Rate(Corrected, Received),
            Online, Window, Assistant, Rate(Online, channels), Rate(Window, channels), Rate(Assistant, channels),
            ratings, satisfaction);
    }

    /// <summary>The k-th smallest working-day count (0-based).</summary>
    private int Nth(int k)
    {
        var seen = 0;
        foreach (var (days, count) in WorkingDays)
        {
            seen += count;
            if (seen > k)
            {
                return days;
            }
        }
        return WorkingDays.Keys.Last();
    }

    internal static double? Rate(int part, int whole) => whole == 0 ? null : Math.Round((double)part / whole, 4);
}
