using System.Text.RegularExpressions;
using OneGo.Domain.Catalog;
using OneGo.Domain.Conditions;

namespace OneGo.Web.Features.Guidance;

/// <summary>
/// A scenario condition in the applicant's words: <c>answers.hukou == 'father'</c> becomes 选择“随父亲落户”.
/// Parts it does not know stay as written, so nothing is hidden.
/// </summary>
public static partial class ConditionWording
{
    /// <summary>The condition as Chinese text, or null when it always holds.</summary>
    public static string? Describe(Condition condition, Bundle bundle, ServiceCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(catalog);
        if (ReferenceEquals(condition, Condition.True))
        {
            return null;
        }
        var text = condition.Text.Trim();
        if (text == "false")
        {
            return "本“一件事”中不需要";
        }
        text = AnswerIn().Replace(text, m => "选择" + string.Join("或", Codes().Matches(m.Groups["codes"].Value).Select(c => Quote(bundle, m.Groups["q"].Value, c.Groups[1].Value))));
        text = AnswerIs().Replace(text, m => m.Groups["op"].Value switch
        {
            "==" => "选择",
            "!=" => "未选择",
            "contains" => "勾选了",
            _ => m.Groups["op"].Value,
        } + Quote(bundle, m.Groups["q"].Value, m.Groups["code"].Value));
        text = Fact().Replace(text, m => catalog.FactsByName.TryGetValue(m.Groups["name"].Value, out var fact) ? fact.Label : m.Value);
        text = text.Replace(" and ", "，且", StringComparison.Ordinal)
            .Replace(" or ", "，或", StringComparison.Ordinal)
            .Replace("not ", "并非", StringComparison.Ordinal);
        return text;
    }

    private static string Quote(Bundle bundle, string questionId, string code)
    {
        var label = bundle.Questions.FirstOrDefault(q => q.Id == questionId)?.Options.FirstOrDefault(o => o.Code == code)?.Label;
        return $"“{label ?? code}”";
    }

    [GeneratedRegex(@"answers\.(?<q>[A-Za-z0-9_-]+)\s+in\s+\[(?<codes>[^\]]*)\]")]
    private static partial Regex AnswerIn();

    [GeneratedRegex(@"'([^']*)'")]
    private static partial Regex Codes();

    [GeneratedRegex(@"answers\.(?<q>[A-Za-z0-9_-]+)\s*(?<op>==|!=|contains)\s*'(?<code>[^']*)'")]
    private static partial Regex AnswerIs();

    [GeneratedRegex(@"facts\.(?<name>[A-Za-z0-9_]+)")]
    private static partial Regex Fact();
}
