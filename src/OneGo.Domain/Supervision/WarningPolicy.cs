namespace OneGo.Domain.Supervision;

/// <summary>How urgent a running deadline is: 正常, 黄色预警 (about to expire), 红色预警 (overdue).</summary>
public enum WarningLevel { Normal, Yellow, Red }

/// <summary>
/// When a running deadline turns yellow: with at most <see cref="YellowRemainingWorkingDays"/> working days left, or
/// once <see cref="YellowUsedPercent"/> of its working days are used — whichever comes first; either may be off
/// (null). Red is always "past the deadline". Configuration, not code: every county sets its own.
/// </summary>
public sealed record WarningPolicy(int? YellowRemainingWorkingDays, int? YellowUsedPercent)
{
    /// <summary>Yellow on the last working day before the deadline and on the deadline day.</summary>
    public static readonly WarningPolicy Default = new(1, null);

    /// <summary>What is wrong with the settings (Chinese, for the operator), or null.</summary>
    public string? Problem() =>
        YellowRemainingWorkingDays is < 0 or > 365 ? "黄色预警的剩余工作日应在 0 至 365 之间"
        : YellowUsedPercent is < 1 or > 100 ? "黄色预警的已用时限比例应在 1% 至 100% 之间"
        : YellowRemainingWorkingDays is null && YellowUsedPercent is null ? "黄色预警至少要设置剩余工作日或已用时限比例之一"
        : null;

    /// <summary>
    /// The largest number of remaining working days at which a deadline of <paramref name="spanWorkingDays"/> working
    /// days (its whole limit, pauses excluded) is yellow; -1 when it never is.
    /// </summary>
    public int YellowWithin(int spanWorkingDays)
    {
        var within = YellowRemainingWorkingDays ?? -1;
        if (YellowUsedPercent is { } percent && spanWorkingDays > 0)
        {
            // used ≥ percent ⇔ span − remaining ≥ ⌈span·percent/100⌉ ⇔ remaining ≤ span − ⌈span·percent/100⌉.
            var used = (spanWorkingDays * percent + 99) / 100;
            within = Math.Max(within, spanWorkingDays - used);
        }
        return within;
    }

    /// <summary>The level of a running deadline with <paramref name="remaining"/> working days left (negative: overdue).</summary>
    public WarningLevel LevelOf(int remaining, int spanWorkingDays) =>
        remaining < 0 ? WarningLevel.Red
        : remaining <= YellowWithin(spanWorkingDays) ? WarningLevel.Yellow
        : WarningLevel.Normal;

    /// <summary>Describes the yellow threshold for people (shown beside coloured lists).</summary>
    public string Describe() => (YellowRemainingWorkingDays, YellowUsedPercent) switch
    {
        ({ } days, { } percent) => $"剩余 {days} 个工作日以内或已用时限达到 {percent}% 时黄色预警",
        ({ } days, null) => $"剩余 {days} 个工作日以内黄色预警",
        (null, { } percent) => $"已用时限达到 {percent}% 时黄色预警",
        _ => string.Empty,
    };
}
