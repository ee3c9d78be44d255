namespace OneGo.Web.Features.Ratings;

/// <summary>
/// Configuration under <c>OneGo:Ratings</c>. The rectification deadline of a bad review is a local rule, not a
/// national one (standards.md §5: 1 day follow-up and 15 days rectification in Zhejiang; 5, 7, 10 or 15 working days
/// elsewhere), so it is data.
/// </summary>
public sealed class RatingOptions
{
    public const string Section = "OneGo:Ratings";

    /// <summary>Working days, from the day after the bad review, to rectify and answer the rater.</summary>
    public int RectificationWorkingDays { get; set; } = 5;

    /// <summary>Working days, from the day after the bad review, to contact the rater (回访).</summary>
    public int FollowUpWorkingDays { get; set; } = 1;

    public bool IsValid => RectificationWorkingDays is >= 1 and <= 60 && FollowUpWorkingDays >= 1 && FollowUpWorkingDays <= RectificationWorkingDays;
}
