using OneGo.Domain.Calendar;

namespace OneGo.Domain.Tests.Calendar;

/// <summary>The official holiday arrangements of standards.md §1 (State Council General Office notices).</summary>
public static class OfficialCalendars
{
    public static WorkCalendar Build() => new(Years());

    public static IReadOnlyList<HolidayYear> Years() =>
    [
        // The notice's first range starts on 2022-12-31, a Saturday that belongs to 2022's data.
        Year(2023, "国办发明电〔2022〕16号",
            ["2023-01-01..2023-01-02", "2023-01-21..2023-01-27", "2023-04-05", "2023-04-29..2023-05-03",
             "2023-06-22..2023-06-24", "2023-09-29..2023-10-06"],
            ["2023-01-28", "2023-01-29", "2023-04-23", "2023-05-06", "2023-06-25", "2023-10-07", "2023-10-08"]),
        Year(2024, "国办发明电〔2023〕7号",
            ["2024-01-01", "2024-02-10..2024-02-17", "2024-04-04..2024-04-06", "2024-05-01..2024-05-05",
             "2024-06-10", "2024-09-15..2024-09-17", "2024-10-01..2024-10-07"],
            ["2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28", "2024-05-11", "2024-09-14", "2024-09-29", "2024-10-12"]),
        Year(2025, "国办发明电〔2024〕12号",
            ["2025-01-01", "2025-01-28..2025-02-04", "2025-04-04..2025-04-06", "2025-05-01..2025-05-05",
             "2025-05-31..2025-06-02", "2025-10-01..2025-10-08"],
            ["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"]),
        Year(2026, "国务院办公厅关于2026年部分节假日安排的通知（2025-11-04）",
            ["2026-01-01..2026-01-03", "2026-02-15..2026-02-23", "2026-04-04..2026-04-06", "2026-05-01..2026-05-05",
             "2026-06-19..2026-06-21", "2026-09-25..2026-09-27", "2026-10-01..2026-10-07"],
            ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"]),
    ];

    private static HolidayYear Year(int year, string source, string[] offRanges, string[] makeUpDays)
    {
        var off = new List<DateOnly>();
        foreach (var range in offRanges)
        {
            var bounds = range.Split("..");
            var first = DateOnly.Parse(bounds[0]);
            var last = bounds.Length == 2 ? DateOnly.Parse(bounds[1]) : first;
            for (var day = first; day <= last; day = day.AddDays(1))
            {
                off.Add(day);
            }
        }

        return new HolidayYear(year, off, makeUpDays.Select(DateOnly.Parse).ToList(), source);
    }
}
