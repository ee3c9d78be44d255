namespace OneGo.Web.Components.Cases;

/// <summary>How urgent a deadline looks: red when overdue, yellow on the last working day or two, otherwise normal.</summary>
public static class Level
{
    /// <summary>Remaining working days at or below which a task or case turns yellow.</summary>
    public const int YellowAt = 1;

    public static string Of(int? remaining) => remaining switch
    {
        null => "none",
        < 0 => "red",
        <= YellowAt => "yellow",
        _ => "normal",
    };

    public static string Css(int? remaining) => "og-level-" + Of(remaining);

    /// <summary>"剩余 3 个工作日", "今日到期", "超期 2 个工作日".</summary>
    public static string Text(int? remaining) => remaining switch
    {
        null => "—",
        < 0 => $"超期 {-remaining} 个工作日",
        0 => "今日到期",
        _ => $"剩余 {remaining} 个工作日",
    };
}
