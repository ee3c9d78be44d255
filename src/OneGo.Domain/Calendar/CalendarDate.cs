namespace OneGo.Domain.Calendar;

/// <summary>
/// A date computed from the calendar, with the years it touched that have no official holiday data.
/// Those years were counted as Monday–Friday working weeks, so the date is an estimate.
/// </summary>
public readonly record struct CalendarDate(DateOnly Date, IReadOnlyList<int> MissingYears)
{
    public bool IsEstimate => MissingYears is { Count: > 0 };

    /// <summary>A message for users and administrators; null when the date rests on official data only.</summary>
    public string? Warning => EstimateWarning.For(MissingYears);
}

/// <summary>A count of working days, with the years it touched that have no official holiday data.</summary>
public readonly record struct WorkingDayCount(int Days, IReadOnlyList<int> MissingYears)
{
    public bool IsEstimate => MissingYears is { Count: > 0 };

    /// <summary>A message for users and administrators; null when the count rests on official data only.</summary>
    public string? Warning => EstimateWarning.For(MissingYears);
}

internal static class EstimateWarning
{
    // standards.md §1: an unknown year must never be silently treated as "weekdays only".
    // "尚未录入" rather than "尚未发布": the year may be published but not yet loaded, or be a past year.
    public static string? For(IReadOnlyList<int>? missingYears)
    {
        if (missingYears is not { Count: > 0 })
        {
            return null;
        }

        return $"{string.Join("、", missingYears)}年节假日安排尚未录入，已按周一至周五为工作日估算。";
    }
}
