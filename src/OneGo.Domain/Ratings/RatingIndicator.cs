using OneGo.Domain.Cases;

namespace OneGo.Domain.Ratings;

/// <summary>Where the service was rated: online (一事一评) or at the window (一次一评).</summary>
public enum RatingChannel { Online, Window }

/// <summary>The evaluation indicators of 国办发〔2019〕51号; each is rated on the five <see cref="RatingLevel"/>s.</summary>
public enum RatingIndicator
{
    OverallSatisfaction, // 总体满意度 (both channels)
    Efficiency,          // 办事效率 (both channels)
    GuideAccuracy,       // 办事指南准确性 (online)
    Convenience,         // 办事便捷程度 (online)
    PlatformUsability,   // 平台易用性 (online)
    ServiceLevel,        // 服务水平 (window)
    Attitude,            // 服务态度 (window)
}

public static class RatingIndicators
{
    private static readonly IReadOnlyList<RatingIndicator> Online =
        [RatingIndicator.OverallSatisfaction, RatingIndicator.Efficiency, RatingIndicator.GuideAccuracy, RatingIndicator.Convenience, RatingIndicator.PlatformUsability];

    private static readonly IReadOnlyList<RatingIndicator> Window =
        [RatingIndicator.OverallSatisfaction, RatingIndicator.Efficiency, RatingIndicator.ServiceLevel, RatingIndicator.Attitude];

    /// <summary>The indicators a rater of this channel scores, in the order of the form.</summary>
    public static IReadOnlyList<RatingIndicator> For(RatingChannel channel) => channel switch
    {
        RatingChannel.Online => Online,
        RatingChannel.Window => Window,
    };

    /// <summary>
    /// The channel follows how the case was filed: online applications are rated with the online indicators; cases
    /// filed at the comprehensive window or by an assistant (帮代办, served in person) with the window indicators.
    /// </summary>
    public static RatingChannel ChannelOf(FilingChannel filing) => filing switch
    {
        FilingChannel.Online => RatingChannel.Online,
        FilingChannel.Window or FilingChannel.Assistant => RatingChannel.Window,
    };

    public static string Label(this RatingIndicator indicator) => indicator switch
    {
        RatingIndicator.OverallSatisfaction => "总体满意度",
        RatingIndicator.Efficiency => "办事效率",
        RatingIndicator.GuideAccuracy => "办事指南准确性",
        RatingIndicator.Convenience => "办事便捷程度",
        RatingIndicator.PlatformUsability => "平台易用性",
        RatingIndicator.ServiceLevel => "服务水平",
        RatingIndicator.Attitude => "服务态度",
    };

    public static string Label(this RatingChannel channel) => channel switch
    {
        RatingChannel.Online => "网上办事",
        RatingChannel.Window => "窗口办事",
    };

    /// <summary>Reads an indicator by its code (<c>overallSatisfaction</c>, case-insensitive) or its Chinese label.</summary>
    public static bool TryParse(string? text, out RatingIndicator indicator)
    {
        indicator = default;
        var given = text?.Trim();
        if (string.IsNullOrEmpty(given))
        {
            return false;
        }
        foreach (var candidate in Enum.GetValues<RatingIndicator>())
        {
            if (string.Equals(candidate.ToString(), given, StringComparison.OrdinalIgnoreCase) || candidate.Label() == given)
            {
                indicator = candidate;
                return true;
            }
        }
        return false;
    }
}
