using System.Collections.ObjectModel;

namespace OneGo.Domain.Calendar;

/// <summary>
/// Working days and time limits.
/// 行政许可法 §82: limits are counted in working days, excluding statutory holidays.
/// A working day is Monday–Friday that is not a day off, plus every make-up working weekend day (调休上班).
/// A year without official data is counted as Monday–Friday, and every result says so (standards.md §1).
/// </summary>
public sealed class WorkCalendar
{
    private static readonly int[] NoMissingYears = [];

    private readonly int _firstYear;
    private readonly bool[] _hasData;         // index: year - _firstYear
    private readonly int _firstDayNumber;     // DayNumber of 1 January of _firstYear
    private readonly int _dayCount;           // days covered by _workingBits
    private readonly ulong[] _workingBits;    // one bit per day from _firstDayNumber; 1 = working day

    /// <exception cref="ArgumentException">A year appears twice, a date lies outside its year,
    /// a day is both off and a make-up workday, or a make-up workday is not a weekend day.</exception>
    public WorkCalendar(IEnumerable<HolidayYear> years)
    {
        ArgumentNullException.ThrowIfNull(years);

        var byYear = new SortedDictionary<int, HolidayYear>();
        foreach (var year in years)
        {
            ArgumentNullException.ThrowIfNull(year, nameof(years));
            Validate(year);
            if (!byYear.TryAdd(year.Year, year))
            {
                throw new ArgumentException($"节假日安排中{year.Year}年出现了不止一次。", nameof(years));
            }
        }

        var sorted = new int[byYear.Count];
        byYear.Keys.CopyTo(sorted, 0);
        Years = new ReadOnlyCollection<int>(sorted);

        if (sorted.Length == 0)
        {
            _hasData = [];
            _workingBits = [];
            return;
        }

        _firstYear = sorted[0];
        var lastYear = sorted[^1];
        _hasData = new bool[lastYear - _firstYear + 1];
        _firstDayNumber = new DateOnly(_firstYear, 1, 1).DayNumber;
        _dayCount = new DateOnly(lastYear, 12, 31).DayNumber - _firstDayNumber + 1;
        _workingBits = new ulong[(_dayCount + 63) / 64];

        // Start from Monday–Friday everywhere (this also fills gaps between known years),
        // then apply each official arrangement.
        for (var i = 0; i < _dayCount; i++)
        {
            if (IsWeekday(_firstDayNumber + i))
            {
                SetBit(i, true);
            }
        }

        foreach (var year in byYear.Values)
        {
            _hasData[year.Year - _firstYear] = true;
            foreach (var day in year.DaysOff)
            {
                SetBit(day.DayNumber - _firstDayNumber, false);
            }

            foreach (var day in year.MakeUpWorkdays)
            {
                SetBit(day.DayNumber - _firstDayNumber, true);
            }
        }
    }

    /// <summary>The years with official data, ascending.</summary>
    public IReadOnlyList<int> Years { get; }

    public bool HasOfficialData(int year)
    {
        var index = year - _firstYear;
        return (uint)index < (uint)_hasData.Length && _hasData[index];
    }

    /// <summary>Whether <paramref name="day"/> is a working day; Monday–Friday for a year without data.</summary>
    public bool IsWorkingDay(DateOnly day) => IsWorkingDay(day.DayNumber);

    /// <summary>The first working day strictly after <paramref name="day"/>.</summary>
    public DateOnly NextWorkingDayAfter(DateOnly day)
    {
        var dayNumber = day.DayNumber;
        do
        {
            dayNumber = Step(dayNumber);
        }
        while (!IsWorkingDay(dayNumber));

        return DateOnly.FromDayNumber(dayNumber);
    }

    /// <summary>
    /// The <paramref name="workingDays"/>-th working day after <paramref name="start"/>.
    /// 民法典 §201: the start day is not counted, so day 1 is the first working day after it,
    /// whether or not the start day itself is a working day.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="workingDays"/> is less than 1.</exception>
    public CalendarDate AddWorkingDays(DateOnly start, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workingDays, 1);

        var dayNumber = start.DayNumber;
        var remaining = workingDays;
        while (remaining > 0)
        {
            dayNumber = Step(dayNumber);
            if (IsWorkingDay(dayNumber))
            {
                remaining--;
            }
        }

        var end = DateOnly.FromDayNumber(dayNumber);
        return new CalendarDate(end, MissingYearsBetween(start.AddDays(1).Year, end.Year));
    }

    /// <summary>
    /// <paramref name="start"/> plus <paramref name="days"/> calendar days (民法典 §201: the start day is
    /// not counted). 民法典 §203: when that last day is not a working day (a holiday or a weekend without
    /// make-up work), the period ends on the next working day.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="days"/> is less than 1.</exception>
    public CalendarDate AddCalendarDays(DateOnly start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);

        var lastDay = start.AddDays(days);
        var end = IsWorkingDay(lastDay.DayNumber) ? lastDay : NextWorkingDayAfter(lastDay);
        // Only the days from the nominal last day onward were classified.
        return new CalendarDate(end, MissingYearsBetween(lastDay.Year, end.Year));
    }

    /// <summary>Adds a published limit in its own unit.</summary>
    public CalendarDate Add(DateOnly start, TimeLimit limit) => limit.Unit switch
    {
        LimitUnit.WorkingDays => AddWorkingDays(start, limit.Value),
        LimitUnit.CalendarDays => AddCalendarDays(start, limit.Value),
    };

    /// <summary>The number of working days d with start &lt; d ≤ end; 0 when end ≤ start.</summary>
    public WorkingDayCount WorkingDaysBetween(DateOnly start, DateOnly end)
    {
        if (end <= start)
        {
            return new WorkingDayCount(0, NoMissingYears);
        }

        var count = 0;
        var last = end.DayNumber;
        for (var dayNumber = start.DayNumber + 1; dayNumber <= last; dayNumber++)
        {
            if (IsWorkingDay(dayNumber))
            {
                count++;
            }
        }

        return new WorkingDayCount(count, MissingYearsBetween(start.AddDays(1).Year, end.Year));
    }

    private bool IsWorkingDay(int dayNumber)
    {
        var index = dayNumber - _firstDayNumber;
        if ((uint)index < (uint)_dayCount)
        {
            return (_workingBits[index >> 6] & (1UL << index)) != 0;
        }

        return IsWeekday(dayNumber);
    }

    // DayNumber 0 is Monday, 1 January 0001 (proleptic Gregorian), so DayNumber % 7 is 0 for Monday.
    private static bool IsWeekday(int dayNumber) => dayNumber % 7 < 5;

    private static int Step(int dayNumber)
    {
        if (dayNumber >= DateOnly.MaxValue.DayNumber)
        {
            throw new ArgumentOutOfRangeException(nameof(dayNumber), "期限超出了可计算的日期范围。");
        }

        return dayNumber + 1;
    }

    /// <summary>Years in [from, to] without official data; a shared empty array when there are none.</summary>
    private int[] MissingYearsBetween(int fromYear, int toYear)
    {
        var missing = 0;
        for (var year = fromYear; year <= toYear; year++)
        {
            if (!HasOfficialData(year))
            {
                missing++;
            }
        }

        if (missing == 0)
        {
            return NoMissingYears;
        }

        var result = new int[missing];
        var i = 0;
        for (var year = fromYear; year <= toYear; year++)
        {
            if (!HasOfficialData(year))
            {
                result[i++] = year;
            }
        }

        return result;
    }

    private void SetBit(int index, bool working)
    {
        if (working)
        {
            _workingBits[index >> 6] |= 1UL << index;
        }
        else
        {
            _workingBits[index >> 6] &= ~(1UL << index);
        }
    }

    private static void Validate(HolidayYear year)
    {
        ArgumentNullException.ThrowIfNull(year.DaysOff, nameof(year));
        ArgumentNullException.ThrowIfNull(year.MakeUpWorkdays, nameof(year));
        if (year.Year < DateOnly.MinValue.Year || year.Year > DateOnly.MaxValue.Year)
        {
            throw new ArgumentException($"年份{year.Year}无效。", nameof(year));
        }

        // A day of a notice that falls in another year (2023's notice starts on 2022-12-31) belongs to
        // that year's data: rejecting it keeps "which years are official" exact.
        foreach (var day in year.DaysOff)
        {
            if (day.Year != year.Year)
            {
                throw new ArgumentException($"{year.Year}年节假日安排中的放假日{day:yyyy-MM-dd}不在该年内。", nameof(year));
            }
        }

        foreach (var day in year.MakeUpWorkdays)
        {
            if (day.Year != year.Year)
            {
                throw new ArgumentException($"{year.Year}年节假日安排中的调休上班日{day:yyyy-MM-dd}不在该年内。", nameof(year));
            }

            // 调休上班 moves work onto a weekend day; a weekday here is a data-entry mistake.
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                throw new ArgumentException($"{year.Year}年节假日安排中的调休上班日{day:yyyy-MM-dd}不是周末。", nameof(year));
            }

            foreach (var off in year.DaysOff)
            {
                if (off == day)
                {
                    throw new ArgumentException($"{day:yyyy-MM-dd}既是放假日又是调休上班日。", nameof(year));
                }
            }
        }
    }
}
