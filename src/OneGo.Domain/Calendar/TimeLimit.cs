namespace OneGo.Domain.Calendar;

/// <summary>The unit a matter publishes its limit in (工作日 or 自然日); the unit is part of the promise.</summary>
public enum LimitUnit
{
    WorkingDays,
    CalendarDays,
}

/// <summary>A published time limit, e.g. 承诺时限 "5个工作日".</summary>
public readonly record struct TimeLimit(int Value, LimitUnit Unit)
{
    public override string ToString() => Unit switch
    {
        LimitUnit.WorkingDays => $"{Value}个工作日",
        LimitUnit.CalendarDays => $"{Value}个自然日",
    };
}
