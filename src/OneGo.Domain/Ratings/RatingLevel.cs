namespace OneGo.Domain.Ratings;

/// <summary>
/// 好差评 levels (国办发〔2019〕51号): five levels from 非常满意 to 非常不满意; the last two are bad reviews (差评).
/// </summary>
public enum RatingLevel
{
    VerySatisfied,     // 非常满意
    Satisfied,         // 满意
    Basic,             // 基本满意
    Dissatisfied,      // 不满意
    VeryDissatisfied,  // 非常不满意
}

public static class RatingLevels
{
    /// <summary>Best first, as the rating form lists them.</summary>
    public static readonly IReadOnlyList<RatingLevel> All =
        [RatingLevel.VerySatisfied, RatingLevel.Satisfied, RatingLevel.Basic, RatingLevel.Dissatisfied, RatingLevel.VeryDissatisfied];

    public static string Label(this RatingLevel level) => level switch
    {
        RatingLevel.VerySatisfied => "非常满意",
        RatingLevel.Satisfied => "满意",
        RatingLevel.Basic => "基本满意",
        RatingLevel.Dissatisfied => "不满意",
        RatingLevel.VeryDissatisfied => "非常不满意",
    };

    /// <summary>差评: 不满意 and 非常不满意 (国办发〔2019〕51号).</summary>
    public static bool IsBad(this RatingLevel level) => level switch
    {
        RatingLevel.Dissatisfied or RatingLevel.VeryDissatisfied => true,
        RatingLevel.VerySatisfied or RatingLevel.Satisfied or RatingLevel.Basic => false,
    };

    /// <summary>5 for 非常满意 down to 1 for 非常不满意, for averages.</summary>
    public static int Score(this RatingLevel level) => level switch
    {
        RatingLevel.VerySatisfied => 5,
        RatingLevel.Satisfied => 4,
        RatingLevel.Basic => 3,
        RatingLevel.Dissatisfied => 2,
        RatingLevel.VeryDissatisfied => 1,
    };

    /// <summary>Reads a level by its code (<c>veryDissatisfied</c>, case-insensitive) or its Chinese label (<c>非常不满意</c>).</summary>
    public static bool TryParse(string? text, out RatingLevel level)
    {
        level = default;
        var given = text?.Trim();
        if (string.IsNullOrEmpty(given))
        {
            return false;
        }
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.ToString(), given, StringComparison.OrdinalIgnoreCase) || candidate.Label() == given)
            {
                level = candidate;
                return true;
            }
        }
        return false;
    }

    /// <summary>“非常满意、满意、…” for messages.</summary>
    public static string Choices => string.Join("、", All.Select(l => l.Label()));
}
