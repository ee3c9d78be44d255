using System.Diagnostics.CodeAnalysis;

namespace OneGo.Domain.Conditions;

/// <summary>
/// A parsed catalog condition ("answers.hukou == 'mother' and facts.age &lt; 16"): when a matter, question,
/// option, field or material applies. Immutable; parse once when the catalog loads, evaluate many times.
/// The language is described in docs/conditions.md.
/// </summary>
public sealed class Condition
{
    private readonly ConditionNode _root;

    private Condition(string text, ConditionNode root, IReadOnlyList<NameReference> names, IReadOnlyList<Comparison> comparisons)
    {
        Text = text;
        _root = root;
        Names = names;
        Comparisons = comparisons;
    }

    /// <summary>The always-true condition, written "true": what applies when nothing is said.</summary>
    public static Condition True { get; } = new("true", ConstantNode.True, [], []);

    /// <summary>The text as written by the catalog author.</summary>
    public string Text { get; }

    /// <summary>Every name used, each once, in order of first appearance.</summary>
    public IReadOnlyList<NameReference> Names { get; }

    /// <summary>Every comparison, in order of appearance, normalised to name-operator-literal.</summary>
    public IReadOnlyList<Comparison> Comparisons { get; }

    /// <exception cref="ConditionSyntaxException">The text is not a valid condition.</exception>
    public static Condition Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (root, names, comparisons) = ConditionParser.Parse(text);
        return new Condition(text, root, names, comparisons);
    }

    public static bool TryParse(
        string text,
        [NotNullWhen(true)] out Condition? condition,
        [NotNullWhen(false)] out ConditionSyntaxException? error)
    {
        try
        {
            condition = Parse(text);
            error = null;
            return true;
        }
        catch (ConditionSyntaxException exception)
        {
            condition = null;
            error = exception;
            return false;
        }
    }

    public bool Evaluate(IConditionScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return _root.Evaluate(scope);
    }

    /// <summary>Type-checks the names and literals against what the bundle declares. Empty when all is well.</summary>
    public IReadOnlyList<ConditionProblem> Check(ConditionSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return ConditionTypeCheck.Check(Comparisons, schema);
    }

    public override string ToString() => Text;
}
