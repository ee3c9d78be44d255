namespace OneGo.Domain.Calendar;

/// <summary>
/// One year of the State Council's holiday arrangement (国务院办公厅关于节假日安排的通知).
/// </summary>
/// <param name="DaysOff">Days off (放假), including the weekend days inside a holiday range.</param>
/// <param name="MakeUpWorkdays">Weekend days that are working days (调休上班).</param>
/// <param name="Source">Where the data comes from, e.g. "国办发明电〔2024〕12号".</param>
public sealed record HolidayYear(
    int Year,
    IReadOnlyList<DateOnly> DaysOff,
    IReadOnlyList<DateOnly> MakeUpWorkdays,
    string Source);
