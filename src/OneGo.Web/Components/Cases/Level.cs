using OneGo.Domain.Supervision;

namespace OneGo.Web.Components.Cases;

/// <summary>
/// How urgent a deadline looks on a page: the level the API computed under the configured policy
/// (<c>OneGo:Supervision</c>) — red when overdue, yellow when about to expire — and the remaining working days in words.
/// </summary>
public static class Level
{
    public static string Of(WarningLevel? level) => level switch
    {
        null => "none",
        WarningLevel.Red => "red",
        WarningLevel.Yellow => "yellow",
        _ => "normal",
    };

    public static string Css(WarningLevel? level) => "og-level-" + Of(level);

    /// <summary>"剩余 3 个工作日", "今日到期", "超期 2 个工作日".</summary>
    public static string Text(int? remaining) => remaining switch
    {
        null => "—",
        < 0 => $"超期 {-remaining} 个工作日",
        0 => "今日到期",
        _ => $"剩余 {remaining} 个工作日",
    };
}
