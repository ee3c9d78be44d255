using OneGo.Domain.Calendar;

namespace OneGo.Domain.Cases;

/// <summary>
/// Deadline arithmetic shared by cases and tasks. The clock starts on a day (not counted, 民法典 §201),
/// runs for the limit in its own unit, and every completed pause pushes the deadline back by the working
/// days it lasted (a pause from day A to day B lasts the working days d with A &lt; d ≤ B).
/// </summary>
public static class Clock
{
    public static DateOnly Deadline(WorkCalendar calendar, DateOnly start, TimeLimit limit, int pausedWorkingDays)
    {
        var end = calendar.Add(start, limit).Date;
        return pausedWorkingDays > 0 ? calendar.AddWorkingDays(end, pausedWorkingDays).Date : end;
    }

    /// <summary>
    /// Working days left until <paramref name="deadline"/> counted from <paramref name="reference"/> (today, or
    /// the day the clock was paused): 0 on the deadline day itself, negative when overdue.
    /// </summary>
    public static int Remaining(WorkCalendar calendar, DateOnly deadline, DateOnly reference) =>
        reference <= deadline
            ? calendar.WorkingDaysBetween(reference, deadline).Days
            : -calendar.WorkingDaysBetween(deadline, reference).Days;

    /// <summary>The working days a deadline grants (its limit, whatever its unit), pauses excluded; 0 when unknown.</summary>
    public static int Span(WorkCalendar calendar, DateOnly? start, DateOnly? deadline, int pausedWorkingDays) =>
        start is { } from && deadline is { } to && from <= to ? Math.Max(0, calendar.WorkingDaysBetween(from, to).Days - pausedWorkingDays) : 0;

    public static int PausedDays(WorkCalendar calendar, DateOnly since, DateOnly until) =>
        calendar.WorkingDaysBetween(since, until).Days;
}
